using GpuValidate.Kernels.Secp256k1;
using Xunit.Abstractions;

namespace GpuValidate.Kernels.Tests.Secp256k1;

/// <summary>
/// Chunked, multi-stream batches on a CUDA or OpenCL GPU, where copies and kernels really run asynchronously; each
/// test skips, with the reason, when there is no GPU.
/// </summary>
[Collection(SignatureAcceleratorCollection.Name)]
public sealed class SignatureKernelsChunkedGpuTests(SignatureAcceleratorFixture fixture, ITestOutputHelper output)
{
    private SignatureKernels Chunked(int chunkSize, int streams)
    {
        Skip.If(fixture.GpuKernels is null, fixture.GpuUnavailableReason);
        return new(fixture.GpuKernels!.Accelerator, new SignatureKernelsOptions { ChunkSize = chunkSize, Streams = streams });
    }

    [SkippableFact]
    public void Recover_over_many_chunks_matches_libsecp256k1()
    {
        using var kernels = Chunked(64, 3);
        var random = SeededRandom.Create(output);
        SignatureKernelChecks.Recover(kernels, [.. SignatureCases.RandomRecover(random, 1000 * SeededRandom.Scale), .. SignatureCases.RecoverEdges(random)]);
    }

    [SkippableFact]
    public void Schnorr_over_many_chunks_matches_libsecp256k1()
    {
        using var kernels = Chunked(64, 3);
        var random = SeededRandom.Create(output);
        SignatureKernelChecks.Schnorr(kernels, [.. SignatureCases.RandomSchnorr(random, 500 * SeededRandom.Scale, 14), .. SignatureCases.SchnorrEdges(random)]);
    }

    [SkippableFact]
    public void RecoverSenders_over_many_chunks_hashes_recovers_and_addresses()
    {
        using var kernels = Chunked(50, 3);
        SignatureKernelChecks.RecoverSenders(kernels, SeededRandom.Create(output), 1000 * SeededRandom.Scale);
    }

    [SkippableFact]
    public void Ecdsa_over_many_chunks_matches_libsecp256k1_and_the_CPU_path()
    {
        using var kernels = Chunked(64, 2);
        var random = SeededRandom.Create(output);
        SignatureKernelChecks.Ecdsa(kernels, [.. SignatureCases.RandomEcdsa(random, 500 * SeededRandom.Scale), .. SignatureCases.EcdsaEdges(random)]);
    }
}
