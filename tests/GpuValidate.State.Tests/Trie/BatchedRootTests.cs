using GpuValidate.Ethereum.Primitives;
using GpuValidate.Kernels.Hashing;
using GpuValidate.State.Tests.Reference;
using GpuValidate.State.Trie;
using Xunit.Abstractions;

namespace GpuValidate.State.Tests.Trie;

/// <summary>
/// Hashing the dirty nodes a level at a time with batched Keccak must give the root that hashing them one node at a
/// time gives, on every Keccak path this CPU supports, sequentially and in parallel, over random histories; checked
/// now and then against the Yellow Paper reference trie, which shares no code with either.
/// </summary>
public sealed class BatchedRootTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [MemberData(nameof(KeccakPaths.All), MemberType = typeof(KeccakPaths))]
    public void Batched_and_per_node_roots_agree_over_random_histories_of_mixed_key_and_value_lengths(string pathName)
    {
        // Short keys over a small alphabet and short values make embedded (< 32 byte) nodes, extensions and branch
        // values; long values make multi-block branch encodings.
        var path = KeccakPaths.Require(pathName);
        var random = TestRandom.Create(output);
        for (var round = 0; round < 12 * TestRandom.Scale; round++)
        {
            var batched = new PatriciaTrie { KeccakPath = path, ParallelThreshold = int.MaxValue };
            var perNode = new PatriciaTrie { BatchedHashing = false, ParallelThreshold = int.MaxValue };
            var items = new Dictionary<string, byte[]>();
            var keyLength = random.Next(1, 9);
            var alphabet = random.Next(2, 17);
            for (var block = 0; block < 8; block++)
            {
                for (var n = random.Next(1, 200); n > 0; n--)
                {
                    var key = new byte[random.Next(1, keyLength + 1)];
                    for (var i = 0; i < key.Length; i++)
                    {
                        key[i] = (byte)((random.Next(alphabet) << 4) | random.Next(alphabet));
                    }

                    var hex = Convert.ToHexString(key);
                    if (random.Next(4) == 0)
                    {
                        var wasPresent = items.Remove(hex);
                        Assert.Equal(wasPresent, batched.Remove(key));
                        Assert.Equal(wasPresent, perNode.Remove(key));
                    }
                    else
                    {
                        var value = new byte[random.Next(3) switch { 0 => random.Next(1, 4), 1 => random.Next(1, 40), _ => random.Next(40, 300) }];
                        random.NextBytes(value);
                        batched.Set(key, value);
                        perNode.Set(key, value);
                        items[hex] = value;
                    }
                }

                // Some blocks take the parallel split (each share batched on its own thread).
                batched.ParallelThreshold = random.Next(2) == 0 ? 1 : int.MaxValue;
                var root = batched.ComputeRootHash();
                Assert.Equal(perNode.ComputeRootHash(), root);
                if (block % 4 == 3)
                {
                    Assert.Equal(ReferenceTrie.Root(items), root);
                }
            }
        }
    }

    [SkippableTheory]
    [MemberData(nameof(KeccakPaths.All), MemberType = typeof(KeccakPaths))]
    public void Batched_parallel_and_per_node_sequential_account_roots_agree_over_block_histories(string pathName)
    {
        var path = KeccakPaths.Require(pathName);
        var random = TestRandom.Create(output);
        var batched = new StateTrie { KeccakPath = path, ParallelThreshold = 1 };
        var perNode = new StateTrie { BatchedHashing = false, ParallelThreshold = int.MaxValue };
        var addresses = new List<Address>();
        for (var block = 0; block < 10 * TestRandom.Scale; block++)
        {
            for (var n = block == 0 ? 1500 : random.Next(1, 600); n > 0; n--)
            {
                Address address;
                if (addresses.Count > 0 && random.Next(3) != 0)
                {
                    address = addresses[random.Next(addresses.Count)];
                }
                else
                {
                    var bytes = new byte[Address.Size];
                    random.NextBytes(bytes);
                    address = new Address(bytes);
                    addresses.Add(address);
                }

                // One change in eight empties the account, which removes it from the trie (EIP-161).
                var account = random.Next(8) == 0
                    ? default
                    : new Account((ulong)random.Next(0, 1000), new UInt256((ulong)random.NextInt64(1, long.MaxValue)));
                batched.Apply(address, account);
                perNode.Apply(address, account);
            }

            batched.ParallelThreshold = random.Next(3) == 0 ? int.MaxValue : random.Next(1, 600);
            Assert.Equal(perNode.ComputeRoot(), batched.ComputeRoot());
        }
    }

    [Fact]
    public void Batched_root_of_a_single_short_leaf_matches_the_reference()
    {
        // The whole trie is one embedded (< 32 byte) node: the root hashes its RLP.
        var trie = new PatriciaTrie();
        trie.Set([0x12], [0x34]);
        Assert.Equal(ReferenceTrie.Root(new Dictionary<string, byte[]> { ["12"] = [0x34] }), trie.ComputeRootHash());
    }
}
