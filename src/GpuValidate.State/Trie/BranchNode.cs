using System.Numerics;
using System.Runtime.CompilerServices;

namespace GpuValidate.State.Trie;

/// <summary>
/// A 16-way fork on the next nibble, with the value of a key that ends here (never for fixed-length keys). The
/// children sit in the node itself, and so does a copy of each child's reference as the branch's encoding holds it:
/// encoding a branch reads only the node, and only the children assigned since its last encoding
/// (<see cref="StaleChildren"/>) are visited to refresh their copies. Most children of a changed branch did not
/// change, and visiting each of them would cost a cache miss.
/// </summary>
internal sealed class BranchNode : TrieNode
{
    /// <summary>Bytes per reference slot: a 32-byte hash with its string header, or a short node's RLP (under 32 bytes).</summary>
    private const int SlotSize = 33;

    private Children _children;
    private ReferenceSlots _slots;

    /// <summary>Bit i is set while child i was assigned after its reference was last copied into slot i.</summary>
    private int _stale;

    /// <summary>The encoded length of the 16 child entries as the slots hold them (an empty entry is one byte, 0x80).</summary>
    private int _childrenLength = 16;

    /// <summary>The value of the key ending at this node, if any.</summary>
    public byte[]? Value;

    /// <summary>The children assigned since the branch was last encoded, as a bit mask by nibble.</summary>
    public int StaleChildren => _stale;

    /// <summary>The subtree under nibble <paramref name="nibble"/>, if any.</summary>
    public TrieNode? Child(int nibble) => _children[nibble];

    /// <summary>Puts <paramref name="child"/> under nibble <paramref name="nibble"/>; its reference is copied at the next encoding.</summary>
    public void SetChild(int nibble, TrieNode? child)
    {
        _children[nibble] = child;
        _stale |= 1 << nibble;
    }

    /// <summary>
    /// Copies the references of the children assigned since the last call into their slots. Every such child's
    /// reference must be computed.
    /// </summary>
    public void RefreshReferences()
    {
        for (var stale = _stale; stale != 0; stale &= stale - 1)
        {
            var nibble = BitOperations.TrailingZeroCount(stale);
            Span<byte> slot = ((Span<byte>)_slots).Slice(nibble * SlotSize, SlotSize);
            _childrenLength -= EntryLength(slot[0]);
            if (_children[nibble] is { } child)
            {
                var reference = child.Reference!;
                if (reference.Length == 32)
                {
                    // A hash is embedded as a 32-byte RLP string; a short node as its own RLP, verbatim (a list, so
                    // its first byte is 0xc0 or more).
                    slot[0] = 0x80 + 32;
                    reference.CopyTo(slot[1..]);
                }
                else
                {
                    reference.CopyTo(slot);
                }
            }
            else
            {
                slot[0] = 0;
            }

            _childrenLength += EntryLength(slot[0]);
        }

        _stale = 0;
    }

    /// <summary>The encoded length of the 16 child entries; <see cref="RefreshReferences"/> must have run since the last change.</summary>
    public int ChildrenLength => _childrenLength;

    /// <summary>Writes the 16 child entries as the branch's RLP holds them; returns the bytes written (<see cref="ChildrenLength"/>).</summary>
    public int WriteChildren(Span<byte> destination)
    {
        ReadOnlySpan<byte> slots = _slots;
        var offset = 0;
        for (var nibble = 0; nibble < 16; nibble++)
        {
            var slot = slots.Slice(nibble * SlotSize, SlotSize);
            if (slot[0] == 0)
            {
                destination[offset++] = 0x80;
            }
            else
            {
                var length = EntryLength(slot[0]);
                slot[..length].CopyTo(destination[offset..]);
                offset += length;
            }
        }

        return offset;
    }

    /// <summary>The length of a slot's entry from its first byte: empty (0), a hash string (0xa0) or a short list (0xc0 + n).</summary>
    private static int EntryLength(byte first) => first switch
    {
        0 => 1,
        0x80 + 32 => SlotSize,
        _ => 1 + (first - 0xc0),
    };

    [InlineArray(16)]
    private struct Children
    {
        private TrieNode? _element;
    }

    [InlineArray(16 * SlotSize)]
    private struct ReferenceSlots
    {
        private byte _element;
    }
}
