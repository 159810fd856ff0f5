using GpuValidate.Ethereum.Primitives;
using GpuValidate.Kernels.Hashing;
using GpuValidate.State.Tests.Reference;
using GpuValidate.State.Trie;
using Xunit.Abstractions;

namespace GpuValidate.State.Tests.Trie;

/// <summary>
/// <see cref="StateTrie.ApplyAll"/> hashes the changed addresses in batches: its roots must be those of applying the
/// changes one at a time and of the Yellow Paper reference state, which shares no code with either.
/// </summary>
public sealed class StateTrieTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [MemberData(nameof(KeccakPaths.All), MemberType = typeof(KeccakPaths))]
    public void ApplyAll_gives_the_roots_of_one_change_at_a_time_and_of_the_reference_over_chunk_boundaries(string pathName)
    {
        var path = KeccakPaths.Require(pathName);
        var random = TestRandom.Create(output);
        var batched = new StateTrie { KeccakPath = path };
        var single = new StateTrie();
        var current = new Dictionary<Address, Account>();
        var addresses = new List<Address>();

        // Change counts around the 1,024-address chunk, and blocks with none at all.
        int[] sizes = [0, 1, 7, 1023, 1024, 1025, 2049, random.Next(1, 3000), random.Next(1, 3000)];
        foreach (var size in sizes)
        {
            var changes = new Dictionary<Address, Account>();
            while (changes.Count < size)
            {
                var address = addresses.Count > 0 && random.Next(3) == 0 ? addresses[random.Next(addresses.Count)] : NewAddress(random);
                if (!current.ContainsKey(address))
                {
                    addresses.Add(address);
                }

                // One change in five empties the account (EIP-161 removes it), possibly one the trie never held.
                changes[address] = random.Next(5) == 0
                    ? default
                    : new Account((ulong)random.Next(0, 100), new UInt256((ulong)random.NextInt64(0, long.MaxValue)));
            }

            batched.ApplyAll(changes);
            foreach (var (address, account) in changes)
            {
                single.Apply(address, account);
                current[address] = account;
            }

            var root = batched.ComputeRoot();
            Assert.Equal(single.ComputeRoot(), root);
            Assert.Equal(ReferenceState.Root(current), root);
        }
    }

    private static Address NewAddress(Random random)
    {
        var bytes = new byte[Address.Size];
        random.NextBytes(bytes);
        return new Address(bytes);
    }
}
