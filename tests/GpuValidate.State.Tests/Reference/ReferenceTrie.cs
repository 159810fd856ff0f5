using GpuValidate.TestSupport;

namespace GpuValidate.State.Tests.Reference;

/// <summary>
/// The trie root straight from the Yellow Paper's definition (appendix D): TRIE(I) = KEC(c(I, 0)) with the
/// collapse function c over the whole key/value set, recomputed from scratch every time. Slow on purpose; shares
/// no code with the production trie.
/// </summary>
internal static class ReferenceTrie
{
    public static byte[] Root(IReadOnlyDictionary<string, byte[]> items)
    {
        var entries = items.Select(kv => (Key: ToNibbles(Convert.FromHexString(kv.Key)), Value: kv.Value)).ToList();
        return KeccakOracle.Hash(entries.Count == 0 ? ReferenceRlp.String([]) : Collapse(entries, 0));
    }

    private static byte[] ToNibbles(byte[] key) => key.SelectMany(b => new[] { (byte)(b >> 4), (byte)(b & 15) }).ToArray();

    // n(I, i): the empty string for no items, the node itself if its RLP is short, else its hash (as an RLP string).
    private static byte[] NodeCap(List<(byte[] Key, byte[] Value)> entries, int i)
    {
        if (entries.Count == 0)
        {
            return ReferenceRlp.String([]);
        }

        var c = Collapse(entries, i);
        return c.Length < 32 ? c : ReferenceRlp.String(KeccakOracle.Hash(c));
    }

    private static byte[] Collapse(List<(byte[] Key, byte[] Value)> entries, int i)
    {
        if (entries.Count == 1)
        {
            var (key, value) = entries[0];
            return ReferenceRlp.List(ReferenceRlp.String(HexPrefix(key[i..], true)), ReferenceRlp.String(value));
        }

        // The longest prefix, past i, that every key shares.
        var j = i;
        while (entries.All(e => e.Key.Length > j) && entries.All(e => e.Key[j] == entries[0].Key[j]))
        {
            j++;
        }

        if (j > i)
        {
            return ReferenceRlp.List(
                ReferenceRlp.String(HexPrefix(entries[0].Key[i..j], false)),
                NodeCap(entries, j));
        }

        var parts = new byte[17][];
        for (var nibble = 0; nibble < 16; nibble++)
        {
            parts[nibble] = NodeCap(entries.Where(e => e.Key.Length > i && e.Key[i] == nibble).ToList(), i + 1);
        }

        var ending = entries.Where(e => e.Key.Length == i).ToList();
        parts[16] = ReferenceRlp.String(ending.Count == 1 ? ending[0].Value : []);
        return ReferenceRlp.List(parts);
    }

    private static byte[] HexPrefix(byte[] nibbles, bool leaf)
    {
        var flag = leaf ? 2 : 0;
        var result = new List<byte>();
        if (nibbles.Length % 2 == 0)
        {
            result.Add((byte)(16 * flag));
            for (var k = 0; k < nibbles.Length; k += 2)
            {
                result.Add((byte)((16 * nibbles[k]) + nibbles[k + 1]));
            }
        }
        else
        {
            result.Add((byte)((16 * (flag + 1)) + nibbles[0]));
            for (var k = 1; k < nibbles.Length; k += 2)
            {
                result.Add((byte)((16 * nibbles[k]) + nibbles[k + 1]));
            }
        }

        return [.. result];
    }
}
