namespace GpuValidate.State.Trie;

/// <summary>A node of the in-memory Merkle Patricia trie, with its reference cached until it changes.</summary>
internal abstract class TrieNode
{
    /// <summary>
    /// How the parent refers to this node: its RLP itself when shorter than 32 bytes, else the Keccak-256 of it
    /// (so a length of 32 always means a hash). Null while the node or anything under it has changed since the
    /// last root computation; that null is the dirty flag.
    /// </summary>
    public byte[]? Reference;
}
