using GpuValidate.Kernels.Hashing;
using GpuValidate.TestSupport;
using Xunit.Abstractions;

namespace GpuValidate.Kernels.Tests.Hashing;

/// <summary>The batch kernels on ILGPU's CPU accelerator, checked against the independent oracles.</summary>
[Collection(AcceleratorCollection.Name)]
public sealed class HashKernelsCpuTests(AcceleratorFixture fixture, ITestOutputHelper output)
{
    private const string Tag = "BIP0340/challenge";

    private HashKernels Kernels => fixture.CpuKernels;

    [Fact]
    public void Keccak256_kernel_matches_BouncyCastle_on_a_mixed_batch() =>
        KernelChecks.MatchesOracle(Kernels.Keccak256, KeccakOracle.Hash, MessageBatch.Mixed(new RandomMessages(output), 60));

    [Fact]
    public void Sha256_kernel_matches_dotnet_on_a_mixed_batch() =>
        KernelChecks.MatchesOracle(Kernels.Sha256, Oracles.Sha256, MessageBatch.Mixed(new RandomMessages(output), 60));

    [Fact]
    public void DoubleSha256_kernel_matches_dotnet_on_a_mixed_batch() =>
        KernelChecks.MatchesOracle(Kernels.DoubleSha256, Oracles.DoubleSha256, MessageBatch.Mixed(new RandomMessages(output), 60));

    [Fact]
    public void TaggedHash_kernel_matches_the_dotnet_construction_on_a_mixed_batch() =>
        KernelChecks.MatchesOracle(
            (data, offsets, lengths, digests) => Kernels.TaggedHash(Tag, data, offsets, lengths, digests),
            message => Oracles.TaggedHash(Tag, message),
            MessageBatch.Mixed(new RandomMessages(output), 60));

    [Fact]
    public void Kernels_agree_with_the_CPU_path_of_the_same_arithmetic()
    {
        var batch = MessageBatch.Mixed(new RandomMessages(output), 20);
        var keccak = new byte[batch.Count * 32];
        var sha = new byte[batch.Count * 32];
        Kernels.Keccak256(batch.Data, batch.Offsets, batch.Lengths, keccak);
        Kernels.Sha256(batch.Data, batch.Offsets, batch.Lengths, sha);
        for (int i = 0; i < batch.Count; i++)
        {
            Assert.Equal(Keccak256.Hash(batch.Message(i)).ToArray(), keccak.AsSpan(i * 32, 32).ToArray());
            Assert.Equal(Sha256.Hash(batch.Message(i)).ToArray(), sha.AsSpan(i * 32, 32).ToArray());
        }
    }

    [Fact]
    public void Nist_sha256_vectors_hash_correctly_in_one_kernel_batch()
    {
        var vectors = ShavsVectors.All();
        var batch = MessageBatch.FromMessages([.. vectors.Select(v => v.Message)]);
        var digests = new byte[batch.Count * 32];
        Kernels.Sha256(batch.Data, batch.Offsets, batch.Lengths, digests);
        for (int i = 0; i < vectors.Count; i++)
        {
            Assert.True(vectors[i].Digest.AsSpan().SequenceEqual(digests.AsSpan(i * 32, 32)), $"{vectors[i].Name} differs");
        }
    }

    [Fact]
    public void Buffers_are_reused_across_growing_and_shrinking_batches()
    {
        var random = new RandomMessages(output);
        foreach (int extra in new[] { 0, 150, 10 })
        {
            KernelChecks.MatchesOracle(Kernels.Keccak256, KeccakOracle.Hash, MessageBatch.Mixed(random, extra));
        }
    }

    [Fact]
    public void Empty_batch_writes_nothing() => Kernels.Keccak256([], [], [], []);

    [Fact]
    public void Batch_of_only_empty_messages_over_empty_data_hashes_each()
    {
        var digests = new byte[3 * 32];
        Kernels.Sha256([], [0, 0, 0], [0, 0, 0], digests);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(Oracles.Sha256([]), digests.AsSpan(i * 32, 32).ToArray());
        }
    }

    [Fact]
    public void Offsets_and_lengths_of_different_counts_are_rejected() =>
        Assert.Throws<ArgumentException>(() => Kernels.Keccak256(new byte[10], [0, 1], [1], new byte[64]));

    [Fact]
    public void Digest_span_of_the_wrong_size_is_rejected() =>
        Assert.Throws<ArgumentException>(() => Kernels.Sha256(new byte[10], [0], [1], new byte[33]));

    [Theory]
    [InlineData(8, 3)]
    [InlineData(-1, 1)]
    [InlineData(0, -1)]
    [InlineData(11, 0)]
    public void Message_outside_the_data_is_rejected(int offset, int length) =>
        Assert.Throws<ArgumentException>(() => Kernels.DoubleSha256(new byte[10], [offset], [length], new byte[32]));

    [Fact]
    public void Message_ending_exactly_at_the_end_of_the_data_is_accepted()
    {
        var data = new byte[] { 1, 2, 3, 4 };
        var digest = new byte[32];
        Kernels.TaggedHash(Tag, data, [1], [3], digest);
        Assert.Equal(Oracles.TaggedHash(Tag, data.AsSpan(1, 3)), digest);
    }
}
