using GpuValidate.Kernels.Secp256k1;
using Xunit.Abstractions;

namespace GpuValidate.Kernels.Tests.Secp256k1;

/// <summary>The same kernel checks on a CUDA or OpenCL GPU; each test skips, with the reason, when there is none.</summary>
[Collection(SignatureAcceleratorCollection.Name)]
public sealed class SignatureKernelsGpuTests(SignatureAcceleratorFixture fixture, ITestOutputHelper output)
{
    private SignatureKernels Kernels
    {
        get
        {
            Skip.If(fixture.GpuKernels is null, fixture.GpuUnavailableReason);
            return fixture.GpuKernels!;
        }
    }

    [SkippableFact]
    public void Ecdsa_kernel_matches_on_random_mutated_and_edge_items()
    {
        var kernels = Kernels;
        var random = SeededRandom.Create(output);
        SignatureKernelChecks.Ecdsa(kernels, [.. SignatureCases.RandomEcdsa(random, 1000 * SeededRandom.Scale), .. SignatureCases.EcdsaEdges(random)]);
    }

    [SkippableFact]
    public void Ecdsa_kernel_agrees_with_every_Wycheproof_suite() =>
        SignatureKernelChecks.Ecdsa(Kernels, SignatureKernelChecks.WycheproofItems(SignatureKernelChecks.AllWycheproofFiles));

    [SkippableFact]
    public void Schnorr_kernel_agrees_with_the_Bip340_vectors() =>
        SignatureKernelChecks.Schnorr(Kernels, SignatureKernelChecks.Bip340Items());

    [SkippableFact]
    public void Schnorr_kernel_matches_on_random_any_length_mutated_and_edge_items()
    {
        var kernels = Kernels;
        var random = SeededRandom.Create(output);
        SignatureKernelChecks.Schnorr(kernels, [.. SignatureCases.RandomSchnorr(random, 500 * SeededRandom.Scale, 14), .. SignatureCases.SchnorrEdges(random)]);
    }

    [SkippableFact]
    public void Recover_kernel_matches_on_random_mutated_edge_and_go_ethereum_items()
    {
        var kernels = Kernels;
        var random = SeededRandom.Create(output);
        SignatureKernelChecks.Recover(kernels, [
            .. SignatureCases.RandomRecover(random, 500 * SeededRandom.Scale),
            .. SignatureCases.RecoverEdges(random),
            .. SignatureKernelChecks.EcRecoverItems()]);
    }

    [SkippableFact]
    public void RecoverSenders_kernel_hashes_recovers_and_addresses_in_one_pass()
    {
        var kernels = Kernels;
        SignatureKernelChecks.RecoverSenders(kernels, SeededRandom.Create(output), 200 * SeededRandom.Scale);
    }
}
