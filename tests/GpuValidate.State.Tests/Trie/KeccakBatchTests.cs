using GpuValidate.Kernels.Hashing;
using GpuValidate.State.Trie;
using GpuValidate.TestSupport;
using Xunit.Abstractions;

namespace GpuValidate.State.Tests.Trie;

/// <summary>
/// Batched Keccak-256 must equal BouncyCastle's <c>KeccakDigest(256)</c> (an independent implementation) and the
/// kernels' scalar <c>Keccak256</c> for every message, on every path this CPU supports, whatever the lengths in a
/// batch, their block counts, their order and the batch size.
/// </summary>
public sealed class KeccakBatchTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [MemberData(nameof(KeccakPaths.All), MemberType = typeof(KeccakPaths))]
    public void Batch_digests_match_bouncycastle_and_scalar_keccak_for_every_length_to_700_and_batch_sizes_1_to_20(string pathName)
    {
        var path = KeccakPaths.Require(pathName);
        output.WriteLine($"path {path} (auto is {KeccakBatch.BestPath})");
        var random = TestRandom.Create(output);
        for (var repeat = 0; repeat < TestRandom.Scale; repeat++)
        {
            // Every length 0..700 once per repeat, shuffled, cut into batches whose sizes cycle through 1..20.
            var lengths = Enumerable.Range(0, 701).ToArray();
            random.Shuffle(lengths);
            var next = 0;
            for (var size = 1; next < lengths.Length; size = (size % 20) + 1)
            {
                var batch = lengths.AsSpan(next, Math.Min(size, lengths.Length - next)).ToArray();
                next += batch.Length;
                AssertBatch(random, batch, path);
            }
        }
    }

    [SkippableTheory]
    [MemberData(nameof(KeccakPaths.All), MemberType = typeof(KeccakPaths))]
    public void Batch_digests_match_bouncycastle_for_trie_sized_messages_of_mixed_block_counts(string pathName)
    {
        // Leaves (~110 bytes, one block) and branches (~530 bytes, four blocks) interleaved, as a trie level hashes them,
        // plus lengths on the block boundaries where the padding needs a block of its own.
        var path = KeccakPaths.Require(pathName);
        var random = TestRandom.Create(output);
        int[] shapes = [32, 110, 135, 136, 137, 271, 272, 532, 544];
        for (var round = 0; round < 40 * TestRandom.Scale; round++)
        {
            var batch = new int[random.Next(1, 41)];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = shapes[random.Next(shapes.Length)];
            }

            AssertBatch(random, batch, path);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(KeccakPaths.All), MemberType = typeof(KeccakPaths))]
    public void HashEach_digests_match_bouncycastle_for_addresses_and_keys_on_both_sides_of_the_stack_layout(string pathName)
    {
        // 20-byte addresses and 64-byte keys; 256 and fewer messages lay their offsets out on the stack, more rent them.
        var path = KeccakPaths.Require(pathName);
        var random = TestRandom.Create(output);
        foreach (var length in new[] { 20, 64 })
        {
            foreach (var count in new[] { 1, 7, 256, 257, 1024 })
            {
                var data = new byte[count * length];
                random.NextBytes(data);
                var digests = new byte[32 * count];

                KeccakBatch.HashEach(data, length, digests, path);

                for (var i = 0; i < count; i++)
                {
                    Assert.True(
                        KeccakOracle.Hash(data.AsSpan(i * length, length)).AsSpan().SequenceEqual(digests.AsSpan(32 * i, 32)),
                        $"{path}: message {i} of {count} ({length} bytes) differs from BouncyCastle");
                }
            }
        }
    }

    [Fact]
    public void HashEach_rejects_data_that_is_not_whole_messages()
    {
        Assert.Throws<ArgumentException>(() => KeccakBatch.HashEach(new byte[41], 20, new byte[64]));
        Assert.Throws<ArgumentOutOfRangeException>(() => KeccakBatch.HashEach(new byte[40], 0, new byte[64]));
        Assert.Throws<ArgumentException>(() => KeccakBatch.HashEach(new byte[40], 20, new byte[63]));
    }

    [Fact]
    public void Hash_rejects_a_message_outside_the_data_and_mismatched_spans()
    {
        var data = new byte[100];
        var digests = new byte[64];
        Assert.Throws<ArgumentException>(() => KeccakBatch.Hash(data, [0, 90], [10, 11], digests));
        Assert.Throws<ArgumentException>(() => KeccakBatch.Hash(data, [0, 10], [10], digests));
        Assert.Throws<ArgumentException>(() => KeccakBatch.Hash(data, [0, 10], [10, 10], new byte[63]));
        Assert.Throws<ArgumentException>(() => KeccakBatch.Hash(data, [-1, 10], [10, 10], digests));
    }

    [Fact]
    public void Hash_of_no_messages_writes_nothing()
    {
        var digests = new byte[32];
        KeccakBatch.Hash([], [], [], digests);
        Assert.All(digests, b => Assert.Equal(0, b));
    }

    /// <summary>Places the messages at random offsets (with gaps) in one buffer, hashes them in one call, checks each.</summary>
    private static void AssertBatch(Random random, int[] lengths, KeccakBatchPath path)
    {
        var offsets = new int[lengths.Length];
        var total = 0;
        for (var i = 0; i < lengths.Length; i++)
        {
            total += random.Next(0, 9);
            offsets[i] = total;
            total += lengths[i];
        }

        var data = new byte[total + random.Next(0, 9)];
        random.NextBytes(data);
        var digests = new byte[32 * lengths.Length];
        random.NextBytes(digests);

        KeccakBatch.Hash(data, offsets, lengths, digests, path);

        for (var i = 0; i < lengths.Length; i++)
        {
            var message = data.AsSpan(offsets[i], lengths[i]);
            var expected = KeccakOracle.Hash(message);
            var scalar = new byte[32];
            Keccak256.ComputeHash(message, scalar);
            Assert.True(
                expected.AsSpan().SequenceEqual(digests.AsSpan(32 * i, 32)),
                $"{path}: message {i} of {lengths.Length} ({lengths[i]} bytes) differs from BouncyCastle");
            Assert.Equal(expected, scalar);
        }
    }
}
