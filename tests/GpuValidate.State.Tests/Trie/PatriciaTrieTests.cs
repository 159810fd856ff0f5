using System.Text;
using GpuValidate.State.Tests.Reference;
using GpuValidate.State.Trie;
using Xunit.Abstractions;

namespace GpuValidate.State.Tests.Trie;

public sealed class PatriciaTrieTests(ITestOutputHelper output)
{
    [Fact]
    public void Empty_trie_root_is_keccak_of_rlp_empty_string()
    {
        var root = new PatriciaTrie().ComputeRootHash();

        Assert.Equal("56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421", Convert.ToHexStringLower(root));
    }

    [Fact]
    public void Empty_trie_root_matches_reference()
    {
        Assert.Equal(ReferenceTrie.Root(new Dictionary<string, byte[]>()), new PatriciaTrie().ComputeRootHash());
    }

    // Roots published in ethereum/tests TrieTests (trieanyorder.json, trietest.json); keys and values are ASCII.
    [Theory]
    [InlineData("8aad789dff2f538bca5d8ea56e8abe10f4c7ba3a5dea95fea4cd6e7c3a1168d3", "doe", "reindeer", "dog", "puppy", "dogglesworth", "cat")]
    [InlineData("5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84", "do", "verb", "horse", "stallion", "doge", "coin", "dog", "puppy")]
    [InlineData("17beaa1648bafa633cda809c90c04af50fc8aed3cb40d16efbddee6fdf63c4c3", "foo", "bar", "food", "bass")]
    [InlineData("3f67c7a47520f79faa29255d2d3c084a7a6df0453116ed7232ff10277a8be68b", "be", "e", "dog", "puppy", "bed", "d")]
    [InlineData("8452568af70d8d140f58d941338542f645fcca50094b20f3c3d8c3df49337928", "test", "test", "te", "testy")]
    public void Root_matches_published_trie_test(string expectedRoot, params string[] keysAndValues)
    {
        var trie = new PatriciaTrie();
        var items = new Dictionary<string, byte[]>();
        for (var i = 0; i < keysAndValues.Length; i += 2)
        {
            var key = Encoding.ASCII.GetBytes(keysAndValues[i]);
            var value = Encoding.ASCII.GetBytes(keysAndValues[i + 1]);
            trie.Set(key, value);
            items[Convert.ToHexString(key)] = value;
        }

        var root = trie.ComputeRootHash();

        Assert.Equal(expectedRoot, Convert.ToHexStringLower(root));
        Assert.Equal(ReferenceTrie.Root(items), root);
    }

    [Fact]
    public void Random_sets_and_removes_match_reference_roots()
    {
        var random = TestRandom.Create(output);
        for (var round = 0; round < 40 * TestRandom.Scale; round++)
        {
            var trie = new PatriciaTrie { ParallelThreshold = random.Next(1, 64) };
            var items = new Dictionary<string, byte[]>();

            // Short keys over a small alphabet share prefixes and end inside other keys (branch values); short
            // values make nodes under 32 bytes that are embedded rather than hashed.
            var keyLength = random.Next(2) == 0 ? 32 : random.Next(1, 5);
            var operations = random.Next(1, 120);
            for (var op = 0; op < operations; op++)
            {
                var key = RandomKey(random, keyLength);
                var hex = Convert.ToHexString(key);

                // Warming the paths of stored and absent keys (through branches, branch values, extensions and
                // embedded nodes) must change nothing that the reference roots below would see.
                if (random.Next(3) == 0)
                {
                    var group = Enumerable.Range(0, random.Next(1, PatriciaTrie.WarmGroup + 1))
                        .SelectMany(_ => items.Count > 0 && random.Next(2) == 0
                            ? Convert.FromHexString(items.Keys.ElementAt(random.Next(items.Count)))
                            : RandomKey(random, keyLength))
                        .ToArray();
                    trie.Warm(group, keyLength);
                }

                if (items.Count > 0 && random.Next(3) == 0)
                {
                    var existing = random.Next(2) == 0 ? items.Keys.ElementAt(random.Next(items.Count)) : hex;
                    var removed = trie.Remove(Convert.FromHexString(existing));
                    Assert.Equal(items.Remove(existing), removed);
                }
                else
                {
                    var value = new byte[random.Next(1, random.Next(2) == 0 ? 4 : 80)];
                    random.NextBytes(value);
                    trie.Set(key, value);
                    items[hex] = value;
                }

                if (random.Next(8) == 0)
                {
                    Assert.Equal(ReferenceTrie.Root(items), trie.ComputeRootHash());
                }
            }

            Assert.Equal(ReferenceTrie.Root(items), trie.ComputeRootHash());
            foreach (var (hex, value) in items)
            {
                Assert.Equal(value, trie.Get(Convert.FromHexString(hex)));
            }
        }
    }

    [Fact]
    public void The_trie_keeps_its_own_copy_of_each_value_even_when_overwritten_in_place()
    {
        // Values of equal length are overwritten in the trie's own array: a caller's array must never be that array.
        var first = new PatriciaTrie();
        var second = new PatriciaTrie();
        var shared = new byte[] { 1, 2, 3 };
        byte[][] keys = [[0x12], [0x12, 0x34], [0x12, 0x35]];
        foreach (var key in keys)
        {
            first.Set(key, shared);
            second.Set(key, shared);
        }

        var before = second.ComputeRootHash();
        first.Set(keys[1], new byte[] { 9, 9, 9 });
        shared[0] = 7;
        var read = first.Get(keys[1])!;
        read[1] = 7;

        Assert.Equal(new byte[] { 9, 9, 9 }, first.Get(keys[1]));
        Assert.Equal(new byte[] { 1, 2, 3 }, first.Get(keys[0]));
        Assert.Equal(new byte[] { 1, 2, 3 }, second.Get(keys[1]));
        Assert.Equal(before, second.ComputeRootHash());
        Assert.Equal(
            ReferenceTrie.Root(new Dictionary<string, byte[]> { ["12"] = [1, 2, 3], ["1234"] = [9, 9, 9], ["1235"] = [1, 2, 3] }),
            first.ComputeRootHash());
    }

    [Fact]
    public void Removing_everything_returns_to_the_empty_root()
    {
        var random = TestRandom.Create(output);
        var trie = new PatriciaTrie();
        var keys = Enumerable.Range(0, 200).Select(_ => RandomKey(random, random.Next(1, 4))).Distinct(new ByteArrayComparer()).ToList();
        foreach (var key in keys)
        {
            trie.Set(key, [1, 2, 3]);
        }

        trie.ComputeRootHash();
        foreach (var key in keys.OrderBy(_ => random.Next()))
        {
            Assert.True(trie.Remove(key));
        }

        Assert.True(trie.IsEmpty);
        Assert.Equal(ReferenceTrie.Root(new Dictionary<string, byte[]>()), trie.ComputeRootHash());
    }

    [Fact]
    public void Insertion_order_does_not_change_the_root()
    {
        var random = TestRandom.Create(output);
        var items = Enumerable.Range(0, 300).Select(_ => (Key: RandomKey(random, 32), Value: RandomValue(random))).ToList();
        var first = new PatriciaTrie();
        var second = new PatriciaTrie();
        foreach (var (key, value) in items)
        {
            first.Set(key, value);
        }

        foreach (var (key, value) in items.OrderBy(_ => random.Next()))
        {
            second.Set(key, value);
        }

        Assert.Equal(first.ComputeRootHash(), second.ComputeRootHash());
    }

    [Fact]
    public void Root_matches_nethereum_patricia_trie()
    {
        var random = TestRandom.Create(output);
        for (var round = 0; round < 10 * TestRandom.Scale; round++)
        {
            var ours = new PatriciaTrie { ParallelThreshold = 1 };
            var theirs = new Nethereum.Merkle.Patricia.PatriciaTrie();
            var storage = new Nethereum.Merkle.Patricia.InMemoryTrieStorage();
            var keyLength = random.Next(2) == 0 ? 32 : random.Next(1, 5);
            for (var i = random.Next(1, 300); i > 0; i--)
            {
                var key = RandomKey(random, keyLength);
                var value = RandomValue(random);
                ours.Set(key, value);
                theirs.Put(key, value, storage);
            }

            Assert.Equal(theirs.Root.GetHash(), ours.ComputeRootHash());
        }
    }

    private static byte[] RandomKey(Random random, int length)
    {
        var key = new byte[length];
        if (length == 32)
        {
            random.NextBytes(key);
        }
        else
        {
            for (var i = 0; i < length; i++)
            {
                key[i] = (byte)(random.Next(3) * 0x11);
            }
        }

        return key;
    }

    private static byte[] RandomValue(Random random)
    {
        var value = new byte[random.Next(1, 70)];
        random.NextBytes(value);
        return value;
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => Convert.ToHexString(obj).GetHashCode(StringComparison.Ordinal);
    }
}
