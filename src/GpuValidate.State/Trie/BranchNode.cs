namespace GpuValidate.State.Trie;

/// <summary>A 16-way fork on the next nibble, with the value of a key that ends here (never for fixed-length keys).</summary>
internal sealed class BranchNode : TrieNode
{
    /// <summary>The subtrees by next nibble.</summary>
    public readonly TrieNode?[] Children = new TrieNode?[16];

    /// <summary>The value of the key ending at this node, if any.</summary>
    public byte[]? Value;
}
