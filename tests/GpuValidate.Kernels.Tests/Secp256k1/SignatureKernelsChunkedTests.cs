using GpuValidate.Kernels.Secp256k1;
using Xunit.Abstractions;

namespace GpuValidate.Kernels.Tests.Secp256k1;

/// <summary>
/// Batches split into many chunks over several streams (with page-locked staging) on ILGPU's CPU accelerator: every
/// status and output must equal libsecp256k1's, the CPU path's, and the single-chunk run's.
/// </summary>
[Collection(SignatureAcceleratorCollection.Name)]
public sealed class SignatureKernelsChunkedTests(SignatureAcceleratorFixture fixture, ITestOutputHelper output)
{
    private SignatureKernels Chunked(int chunkSize, int streams) =>
        new(fixture.CpuKernels.Accelerator, new SignatureKernelsOptions { ChunkSize = chunkSize, Streams = streams });

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 1)]
    [InlineData(16, 2)]
    [InlineData(13, 3)]
    public void Recover_over_many_chunks_matches_libsecp256k1_and_the_single_chunk_run(int chunkSize, int streams)
    {
        var random = SeededRandom.Create(output);
        List<RecoverItem> items = [.. SignatureCases.RandomRecover(random, 20 * SeededRandom.Scale), .. SignatureCases.RecoverEdges(random)];
        using var kernels = Chunked(chunkSize, streams);
        SignatureKernelChecks.Recover(kernels, items);

        var (digests, sigs) = RecoverInputs(items);
        var chunked = RunRecover(kernels, digests, sigs);
        var single = RunRecover(fixture.CpuKernels, digests, sigs);
        Assert.Equal(single.Keys, chunked.Keys);
        Assert.Equal(single.Addresses, chunked.Addresses);
        Assert.Equal(single.Status, chunked.Status);
    }

    [Fact]
    public void Invalid_items_on_both_sides_of_chunk_boundaries_fail_alone()
    {
        const int chunk = 8;
        var random = SeededRandom.Create(output);
        var valid = SignatureCases.RandomRecover(random, 4 * chunk).Where(i => i.Expected == SignatureStatus.Valid).ToList();
        var edges = SignatureCases.RecoverEdges(random).Where(i => i.Expected != SignatureStatus.Valid).ToList();
        Assert.True(valid.Count >= 4 * chunk, "every unmutated item recovers, so at least half are valid");
        var items = valid.Take(4 * chunk).ToList();
        int e = 0;
        foreach (int boundary in new[] { chunk, 2 * chunk, 3 * chunk })
        {
            items[boundary - 1] = edges[e++ % edges.Count];
            items[boundary] = edges[e++ % edges.Count];
        }

        items[0] = edges[e++ % edges.Count];
        items[^1] = edges[e % edges.Count];
        using var kernels = Chunked(chunk, 3);
        SignatureKernelChecks.Recover(kernels, items);
    }

    [Fact]
    public void Schnorr_over_many_chunks_with_messages_laid_out_in_reverse_and_shared()
    {
        var random = SeededRandom.Create(output);
        List<SchnorrItem> items = [.. SignatureCases.RandomSchnorr(random, 15 * SeededRandom.Scale, 14), .. SignatureCases.SchnorrEdges(random)];
        int n = items.Count;
        var keys = new byte[32 * n];
        var sigs = new byte[64 * n];
        var offsets = new int[n];
        var lengths = new int[n];

        // Messages stored last item first, each twice, so chunks see descending offsets and bytes no item reads.
        var messages = new List<byte>();
        for (int i = n - 1; i >= 0; i--)
        {
            messages.AddRange(items[i].Message);
            offsets[i] = messages.Count;
            messages.AddRange(items[i].Message);
        }

        for (int i = 0; i < n; i++)
        {
            items[i].PublicKey.CopyTo(keys, 32 * i);
            items[i].Signature.CopyTo(sigs, 64 * i);
            lengths[i] = items[i].Message.Length;
        }

        var status = new byte[n];
        using var kernels = Chunked(7, 3);
        kernels.VerifySchnorr(keys, sigs, messages.ToArray(), offsets, lengths, status);
        for (int i = 0; i < n; i++)
        {
            var item = items[i];
            Assert.True(item.Expected == status[i], $"{item}: libsecp256k1 {item.Expected}, kernel {status[i]}");
            Assert.Equal(SignatureCpu.VerifySchnorr(item.PublicKey, item.Signature, item.Message), status[i]);
        }
    }

    [Fact]
    public void Schnorr_chunk_of_only_empty_messages_verifies()
    {
        var random = SeededRandom.Create(output);
        var items = SignatureCases.RandomSchnorr(random, 0, 14).Where(i => i.Message.Length == 0).ToList();
        Assert.NotEmpty(items);
        using var kernels = Chunked(1, 2);
        SignatureKernelChecks.Schnorr(kernels, items);
    }

    [Fact]
    public void RecoverSenders_over_many_chunks_hashes_recovers_and_addresses()
    {
        using var kernels = Chunked(9, 3);
        SignatureKernelChecks.RecoverSenders(kernels, SeededRandom.Create(output), 40 * SeededRandom.Scale);
    }

    [Fact]
    public void Ecdsa_over_several_chunks_matches_libsecp256k1_and_the_CPU_path()
    {
        var random = SeededRandom.Create(output);
        using var kernels = Chunked(8, 2);
        SignatureKernelChecks.Ecdsa(kernels, [.. SignatureCases.RandomEcdsa(random, 12 * SeededRandom.Scale), .. SignatureCases.EcdsaEdges(random)]);
    }

    [Fact]
    public void Buffers_grow_to_one_chunk_per_stream_and_are_reused_across_batch_sizes()
    {
        var random = SeededRandom.Create(output);
        using var kernels = Chunked(16, 2);
        Assert.Equal(0, kernels.BufferBytes);
        SignatureKernelChecks.Recover(kernels, SignatureCases.RandomRecover(random, 2));
        long small = kernels.BufferBytes;
        Assert.True(small > 0, "the first batch allocated nothing");

        SignatureKernelChecks.Recover(kernels, SignatureCases.RandomRecover(random, 20));
        long full = kernels.BufferBytes;
        Assert.True(full > small, "a multi-chunk batch did not grow the buffers");

        foreach (int pairs in new[] { 1, 30, 7 })
        {
            SignatureKernelChecks.Recover(kernels, SignatureCases.RandomRecover(random, pairs));
            Assert.Equal(full, kernels.BufferBytes);
        }
    }

    [Fact]
    public void Concurrent_calls_on_one_instance_each_get_their_own_results()
    {
        var random = SeededRandom.Create(output);
        var batches = Enumerable.Range(0, 3).Select(_ => SignatureCases.RandomRecover(random, 10)).ToList();
        using var kernels = Chunked(6, 3);
        Parallel.ForEach(batches, new ParallelOptions { MaxDegreeOfParallelism = 3 }, batch => SignatureKernelChecks.Recover(kernels, batch));
    }

    [Fact]
    public void Dispose_twice_is_harmless_and_later_calls_throw()
    {
        var kernels = Chunked(4, 2);
        SignatureKernelChecks.Recover(kernels, SignatureCases.RandomRecover(SeededRandom.Create(output), 5));
        kernels.Dispose();
        kernels.Dispose();
        Assert.Throws<ObjectDisposedException>(() => kernels.Recover(new byte[32], new byte[65], new byte[64], new byte[20], new byte[1]));
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(16, 0)]
    [InlineData(16, 17)]
    public void Options_out_of_range_are_rejected(int chunkSize, int streams) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Chunked(chunkSize, streams));

    private static (byte[] Digests, byte[] Signatures) RecoverInputs(List<RecoverItem> items)
    {
        var digests = new byte[32 * items.Count];
        var sigs = new byte[65 * items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            items[i].Digest.CopyTo(digests, 32 * i);
            items[i].Signature.CopyTo(sigs, 65 * i);
        }

        return (digests, sigs);
    }

    private static (byte[] Keys, byte[] Addresses, byte[] Status) RunRecover(SignatureKernels kernels, byte[] digests, byte[] sigs)
    {
        int n = digests.Length / 32;
        var result = (Keys: new byte[64 * n], Addresses: new byte[20 * n], Status: new byte[n]);
        kernels.Recover(digests, sigs, result.Keys, result.Addresses, result.Status);
        return result;
    }
}
