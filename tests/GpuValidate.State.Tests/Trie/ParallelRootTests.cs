using GpuValidate.Ethereum.Primitives;
using GpuValidate.State.Tests.Reference;
using GpuValidate.State.Trie;
using GpuValidate.TestSupport;
using Xunit.Abstractions;

namespace GpuValidate.State.Tests.Trie;

/// <summary>
/// The root computed with the dirty subtrees hashed in parallel must be bit-identical to the sequential one and to
/// independent implementations (Nethereum's trie, the Yellow Paper reference), over multi-block histories with
/// updates, new accounts, emptied (removed) accounts and re-insertions.
/// </summary>
public sealed class ParallelRootTests(ITestOutputHelper output)
{
    [Fact]
    public void Parallel_sequential_store_and_nethereum_roots_agree_over_account_block_histories()
    {
        var random = TestRandom.Create(output);
        var parallel = new StateTrie { ParallelThreshold = 1 };
        var sequential = new StateTrie { ParallelThreshold = int.MaxValue };
        var current = new Dictionary<Address, Account>();
        var removed = new List<Address>();

        var genesis = new Dictionary<Address, Account>();
        for (var i = 0; i < 2000; i++)
        {
            genesis[RandomAddress(random)] = RandomAccount(random);
        }

        using var store = new InMemoryStateStore(genesis);
        foreach (var (address, account) in genesis)
        {
            parallel.Apply(address, account);
            sequential.Apply(address, account);
            current[address] = account;
        }

        Assert.Equal(NethereumRoot(current), parallel.ComputeRoot());
        Assert.Equal(sequential.ComputeRoot(), store.StateRoot);

        var blocks = 12 * TestRandom.Scale;
        for (var block = 0; block < blocks; block++)
        {
            // Blocks above the store's default threshold take the parallel path there too.
            var changes = new Dictionary<Address, Account>();
            for (var n = random.Next(300, 700); n > 0; n--)
            {
                var kind = random.Next(10);
                if (kind < 2 && removed.Count > 0)
                {
                    // Re-insert an account emptied earlier.
                    var index = random.Next(removed.Count);
                    changes[removed[index]] = RandomAccount(random);
                    removed.RemoveAt(index);
                }
                else if (kind < 4 && current.Count > 0)
                {
                    // Empty an existing account: EIP-161 removes it from the trie.
                    changes[current.Keys.ElementAt(random.Next(current.Count))] = default;
                }
                else if (kind < 8 && current.Count > 0)
                {
                    changes[current.Keys.ElementAt(random.Next(current.Count))] = RandomAccount(random);
                }
                else
                {
                    changes[RandomAddress(random)] = RandomAccount(random);
                }
            }

            parallel.ParallelThreshold = random.Next(2) == 0 ? 1 : random.Next(1, 2 * changes.Count);
            foreach (var (address, account) in changes)
            {
                parallel.Apply(address, account);
                sequential.Apply(address, account);
                if (account.IsEmpty)
                {
                    if (current.Remove(address))
                    {
                        removed.Add(address);
                    }
                }
                else
                {
                    current[address] = account;
                }
            }

            var storeRoot = store.Commit(block, changes);
            var parallelRoot = parallel.ComputeRoot();
            Assert.Equal(sequential.ComputeRoot(), parallelRoot);
            Assert.Equal(parallelRoot, storeRoot);
            if (block % 4 == 3 || block == blocks - 1)
            {
                Assert.Equal(NethereumRoot(current), parallelRoot);
            }
        }
    }

    [Fact]
    public void Parallel_and_sequential_roots_match_reference_for_short_shared_prefix_keys()
    {
        // Keys of 1-4 bytes over a three-nibble alphabet put extensions and branch values next to the root, where
        // the parallel split looks through them.
        var random = TestRandom.Create(output);
        for (var round = 0; round < 30 * TestRandom.Scale; round++)
        {
            var parallel = new PatriciaTrie { ParallelThreshold = 1 };
            var sequential = new PatriciaTrie { ParallelThreshold = int.MaxValue };
            var items = new Dictionary<string, byte[]>();
            var keyLength = random.Next(1, 5);
            for (var block = 0; block < 6; block++)
            {
                for (var n = random.Next(1, 60); n > 0; n--)
                {
                    var key = new byte[random.Next(1, keyLength + 1)];
                    for (var i = 0; i < key.Length; i++)
                    {
                        key[i] = (byte)(random.Next(3) * 0x11);
                    }

                    var hex = Convert.ToHexString(key);
                    if (random.Next(3) == 0)
                    {
                        var wasPresent = items.Remove(hex);
                        Assert.Equal(wasPresent, parallel.Remove(key));
                        Assert.Equal(wasPresent, sequential.Remove(key));
                    }
                    else
                    {
                        var value = new byte[random.Next(1, random.Next(2) == 0 ? 4 : 60)];
                        random.NextBytes(value);
                        parallel.Set(key, value);
                        sequential.Set(key, value);
                        items[hex] = value;
                    }
                }

                var root = parallel.ComputeRootHash();
                Assert.Equal(sequential.ComputeRootHash(), root);
                Assert.Equal(ReferenceTrie.Root(items), root);
            }
        }
    }

    private static Hash256 NethereumRoot(Dictionary<Address, Account> accounts)
    {
        var trie = new Nethereum.Merkle.Patricia.PatriciaTrie();
        var storage = new Nethereum.Merkle.Patricia.InMemoryTrieStorage();
        foreach (var (address, account) in accounts)
        {
            trie.Put(KeccakOracle.Hash(address.ToArray()), ReferenceState.Encode(account), storage);
        }

        return new Hash256(accounts.Count == 0 ? KeccakOracle.Hash([0x80]) : trie.Root.GetHash());
    }

    private static Address RandomAddress(Random random)
    {
        Span<byte> bytes = stackalloc byte[Address.Size];
        random.NextBytes(bytes);
        return new Address(bytes);
    }

    private static Account RandomAccount(Random random) =>
        new((ulong)random.Next(0, 3) * (ulong)random.NextInt64(), new UInt256((ulong)random.NextInt64(1, long.MaxValue), random.Next(4) == 0 ? (ulong)random.NextInt64() : 0));
}
