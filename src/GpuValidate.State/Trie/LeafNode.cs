namespace GpuValidate.State.Trie;

/// <summary>The rest of a key (as nibbles) and its value.</summary>
internal sealed class LeafNode(byte[] path, byte[] value) : TrieNode
{
    /// <summary>The key's remaining nibbles below the parent.</summary>
    public readonly byte[] Path = path;

    /// <summary>The path as the node's RLP holds it (a hex-prefix string), encoded once.</summary>
    public readonly byte[] EncodedPath = NodeHasher.HexPrefixString(path, isLeaf: true);

    /// <summary>The stored value.</summary>
    public byte[] Value = value;
}
