using System.Runtime.CompilerServices;

namespace GpuValidate.State.Trie;

/// <summary>
/// A 16-way fork on the next nibble, with the value of a key that ends here (never for fixed-length keys). The
/// children sit in the node itself, and so do the 16 child entries as the branch's encoding holds them (each child's
/// reference, or 0x80 where there is none): encoding a branch reads only the node, and only the children assigned
/// since its last encoding (<see cref="StaleChildren"/>) are visited to refresh their entries. Most children of a
/// changed branch did not change, and visiting each of them would cost a cache miss.
/// </summary>
internal sealed class BranchNode : TrieNode
{
    /// <summary>The entries of a branch with no child yet: sixteen empty strings. Shared, so never written.</summary>
    private static readonly byte[] NoChildren = [.. Enumerable.Repeat((byte)0x80, 16)];

    private Children _children;

    /// <summary>Bit i is set while child i was assigned after its entry was last refreshed.</summary>
    private int _stale;

    /// <summary>
    /// The 16 entries back to back, sized to what they hold: 1 byte for no child (0x80), 33 for a hash (0xa0 and the
    /// hash), or a short node's RLP verbatim (under 32 bytes; a list, so its first byte is 0xc0 or more).
    /// </summary>
    private byte[] _entries = NoChildren;

    /// <summary>The value of the key ending at this node, if any.</summary>
    public byte[]? Value;

    /// <summary>The children assigned since the branch was last encoded, as a bit mask by nibble.</summary>
    public int StaleChildren => _stale;

    /// <summary>The encoded length of the 16 child entries; <see cref="RefreshReferences"/> must have run since the last change.</summary>
    public int ChildrenLength => _entries.Length;

    /// <summary>The subtree under nibble <paramref name="nibble"/>, if any.</summary>
    public TrieNode? Child(int nibble) => _children[nibble];

    /// <summary>Puts <paramref name="child"/> under nibble <paramref name="nibble"/>; its reference is copied at the next encoding.</summary>
    public void SetChild(int nibble, TrieNode? child)
    {
        _children[nibble] = child;
        _stale |= 1 << nibble;
    }

    /// <summary>
    /// Copies the references of the children assigned since the last call into their entries: in place where every
    /// such entry keeps its length (a changed hash, the usual case), else into a new array of the new length. Every
    /// such child's reference must be computed.
    /// </summary>
    public void RefreshReferences()
    {
        if (_stale == 0)
        {
            return;
        }

        var old = _entries;
        Span<int> starts = stackalloc int[16];
        var offset = 0;
        var length = 0;
        var inPlace = !ReferenceEquals(old, NoChildren);
        for (var nibble = 0; nibble < 16; nibble++)
        {
            starts[nibble] = offset;
            var oldLength = EntryLength(old[offset]);
            offset += oldLength;
            var newLength = IsStale(nibble) ? EntryLength(_children[nibble]) : oldLength;
            inPlace &= newLength == oldLength;
            length += newLength;
        }

        var entries = inPlace ? old : new byte[length];
        var write = 0;
        for (var nibble = 0; nibble < 16; nibble++)
        {
            if (IsStale(nibble))
            {
                write += WriteEntry(_children[nibble], entries.AsSpan(write));
            }
            else
            {
                var oldLength = EntryLength(old[starts[nibble]]);
                if (!inPlace)
                {
                    old.AsSpan(starts[nibble], oldLength).CopyTo(entries.AsSpan(write));
                }

                write += oldLength;
            }
        }

        _entries = entries;
        _stale = 0;
    }

    /// <summary>Writes the 16 child entries as the branch's RLP holds them; returns the bytes written (<see cref="ChildrenLength"/>).</summary>
    public int WriteChildren(Span<byte> destination)
    {
        _entries.CopyTo(destination);
        return _entries.Length;
    }

    private bool IsStale(int nibble) => (_stale & (1 << nibble)) != 0;

    /// <summary>The length of an entry from its first byte: no child (0x80), a hash string (0xa0) or a short list (0xc0 + n).</summary>
    private static int EntryLength(byte first) => first switch
    {
        0x80 => 1,
        0x80 + 32 => 33,
        _ => 1 + (first - 0xc0),
    };

    private static int EntryLength(TrieNode? child) => child is null ? 1 : NodeHasher.ReferenceLength(child.Reference!);

    private static int WriteEntry(TrieNode? child, Span<byte> destination)
    {
        if (child is null)
        {
            destination[0] = 0x80;
            return 1;
        }

        return NodeHasher.WriteReference(destination, child.Reference!);
    }

    [InlineArray(16)]
    private struct Children
    {
        private TrieNode? _element;
    }
}
