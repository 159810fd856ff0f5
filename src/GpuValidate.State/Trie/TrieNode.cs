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

    /// <summary>The array the reference had before the node became dirty, reused for the next one of its length.</summary>
    private byte[]? _spare;

    /// <summary>Marks the node dirty, keeping its reference array for reuse.</summary>
    public void MarkDirty()
    {
        if (Reference is not null)
        {
            _spare = Reference;
            Reference = null;
        }
    }

    /// <summary>Sets the reference to a copy of <paramref name="reference"/>, in the array it last had where the length allows.</summary>
    public void SetReference(ReadOnlySpan<byte> reference)
    {
        var array = _spare is { } spare && spare.Length == reference.Length ? spare : new byte[reference.Length];
        reference.CopyTo(array);
        _spare = null;
        Reference = array;
    }
}
