namespace GpuValidate.State.Trie;

/// <summary>A run of nibbles shared by every key below, leading to a branch.</summary>
internal sealed class ExtensionNode(byte[] path, TrieNode child) : TrieNode
{
    /// <summary>The shared nibbles (at least one).</summary>
    public readonly byte[] Path = path;

    /// <summary>The path as the node's RLP holds it (a hex-prefix string), encoded once.</summary>
    public readonly byte[] EncodedPath = NodeHasher.HexPrefixString(path, isLeaf: false);

    /// <summary>The branch the shared path leads to.</summary>
    public TrieNode Child = child;
}
