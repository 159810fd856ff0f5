using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.Ethereum.Rlp;

/// <summary>
/// A strict, zero-copy RLP reader over a span, with the canonical rules Ethereum clients enforce: a single byte
/// below 0x80 is never wrapped, the long form only for 56 bytes or more, no leading zeros in lengths or
/// integers, and every item inside its parent. Each <c>TryRead...</c> either consumes one item and returns
/// true, or leaves the position unchanged, sets <see cref="Error"/> and returns false. Nothing allocates and
/// every step moves forward, so hostile input can neither exhaust memory nor loop.
/// </summary>
public ref struct RlpReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    /// <summary>Reads the items of <paramref name="data"/>, one after another.</summary>
    public RlpReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
        Error = RlpError.None;
    }

    /// <summary>The error of the last failed read (or <see cref="RlpError.None"/>).</summary>
    public RlpError Error { get; private set; }

    /// <summary>The offset of the next item within the reader's input.</summary>
    public readonly int Position => _position;

    /// <summary>True when every byte has been consumed.</summary>
    public readonly bool IsEnd => _position >= _data.Length;

    /// <summary>The bytes not yet consumed.</summary>
    public readonly ReadOnlySpan<byte> Remaining => _data[_position..];

    /// <summary>True when the next item is a list (false at the end).</summary>
    public readonly bool NextIsList => _position < _data.Length && _data[_position] >= 0xC0;

    /// <summary>
    /// Decodes the header at the start of <paramref name="data"/>: whether it is a list, where its payload
    /// starts and how long it is, checked against the canonical rules and the available bytes.
    /// </summary>
    public static RlpError TryReadHeader(ReadOnlySpan<byte> data, out bool isList, out int payloadOffset, out int payloadLength)
    {
        isList = false;
        payloadOffset = 0;
        payloadLength = 0;
        if (data.IsEmpty)
        {
            return RlpError.Truncated;
        }

        var prefix = data[0];
        if (prefix < 0x80)
        {
            payloadLength = 1;
            return RlpError.None;
        }

        int shortBase, longBase;
        if (prefix < 0xC0)
        {
            shortBase = 0x80;
            longBase = 0xB7;
        }
        else
        {
            isList = true;
            shortBase = 0xC0;
            longBase = 0xF7;
        }

        if (prefix <= longBase)
        {
            payloadOffset = 1;
            payloadLength = prefix - shortBase;
            if (data.Length - 1 < payloadLength)
            {
                return RlpError.Truncated;
            }

            // A lone byte below 0x80 is its own encoding; wrapping it is a second spelling of the same value.
            if (!isList && payloadLength == 1 && data[1] < 0x80)
            {
                return RlpError.NonCanonicalSize;
            }

            return RlpError.None;
        }

        var lengthOfLength = prefix - longBase;
        if (data.Length - 1 < lengthOfLength)
        {
            return RlpError.Truncated;
        }

        if (data[1] == 0)
        {
            return RlpError.NonCanonicalSize;
        }

        // More than 4 length bytes cannot describe anything that fits in a span; reject before reading them.
        if (lengthOfLength > 4)
        {
            return RlpError.Truncated;
        }

        ulong length = 0;
        for (var i = 0; i < lengthOfLength; i++)
        {
            length = (length << 8) | data[1 + i];
        }

        if (length < 56)
        {
            return RlpError.NonCanonicalSize;
        }

        if (length > (ulong)(data.Length - 1 - lengthOfLength))
        {
            return RlpError.Truncated;
        }

        payloadOffset = 1 + lengthOfLength;
        payloadLength = (int)length;
        return RlpError.None;
    }

    /// <summary>Reads the next item of either kind and returns its whole encoding (header included).</summary>
    public bool TryReadEncodedItem(out ReadOnlySpan<byte> encoded)
    {
        encoded = default;
        if (!TryHeader(out _, out var offset, out var length))
        {
            return false;
        }

        encoded = _data.Slice(_position, offset + length);
        _position += offset + length;
        return true;
    }

    /// <summary>Skips the next item of either kind.</summary>
    public bool TrySkip() => TryReadEncodedItem(out _);

    /// <summary>Reads a byte string and returns its payload.</summary>
    public bool TryReadBytes(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!TryHeader(out var isList, out var offset, out var length))
        {
            return false;
        }

        if (isList)
        {
            return Fail(RlpError.ExpectedString);
        }

        value = _data.Slice(_position + offset, length);
        _position += offset + length;
        return true;
    }

    /// <summary>Reads a list and returns a reader over its payload (the items inside).</summary>
    public bool TryReadList(out RlpReader items)
    {
        items = default;
        if (!TryHeader(out var isList, out var offset, out var length))
        {
            return false;
        }

        if (!isList)
        {
            return Fail(RlpError.ExpectedList);
        }

        items = new RlpReader(_data.Slice(_position + offset, length));
        _position += offset + length;
        return true;
    }

    /// <summary>Reads a list and returns its payload bytes and its whole encoding.</summary>
    public bool TryReadList(out RlpReader items, out ReadOnlySpan<byte> encoded)
    {
        var start = _position;
        if (!TryReadList(out items))
        {
            encoded = default;
            return false;
        }

        encoded = _data[start.._position];
        return true;
    }

    /// <summary>Reads a canonical unsigned integer of at most 8 bytes.</summary>
    public bool TryReadUInt64(out ulong value)
    {
        value = 0;
        if (!TryReadIntegerBytes(8, out var bytes))
        {
            return false;
        }

        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }

        return true;
    }

    /// <summary>Reads a canonical unsigned integer of at most 32 bytes.</summary>
    public bool TryReadUInt256(out UInt256 value)
    {
        value = default;
        if (!TryReadIntegerBytes(UInt256.Size, out var bytes))
        {
            return false;
        }

        return UInt256.TryFromBigEndian(bytes, out value);
    }

    /// <summary>
    /// Reads a canonical unsigned integer and returns its big-endian bytes (no leading zeros, empty for zero),
    /// failing with <see cref="RlpError.IntegerOverflow"/> past <paramref name="maxBytes"/>.
    /// </summary>
    public bool TryReadIntegerBytes(int maxBytes, out ReadOnlySpan<byte> bytes)
    {
        var start = _position;
        if (!TryReadBytes(out bytes))
        {
            return false;
        }

        if (bytes.Length > 0 && bytes[0] == 0)
        {
            _position = start;
            return Fail(RlpError.NonCanonicalInteger);
        }

        if (bytes.Length > maxBytes)
        {
            _position = start;
            return Fail(RlpError.IntegerOverflow);
        }

        return true;
    }

    /// <summary>Reads a byte string of exactly 20 bytes.</summary>
    public bool TryReadAddress(out Address address)
    {
        address = default;
        if (!TryReadFixed(Address.Size, out var bytes))
        {
            return false;
        }

        address = new Address(bytes);
        return true;
    }

    /// <summary>Reads either an empty string (no address: contract creation) or exactly 20 bytes.</summary>
    public bool TryReadOptionalAddress(out Address? address)
    {
        address = null;
        var start = _position;
        if (!TryReadBytes(out var bytes))
        {
            return false;
        }

        if (bytes.IsEmpty)
        {
            return true;
        }

        if (bytes.Length != Address.Size)
        {
            _position = start;
            return Fail(RlpError.WrongLength);
        }

        address = new Address(bytes);
        return true;
    }

    /// <summary>Reads a byte string of exactly 32 bytes.</summary>
    public bool TryReadHash(out Hash256 hash)
    {
        hash = default;
        if (!TryReadFixed(Hash256.Size, out var bytes))
        {
            return false;
        }

        hash = new Hash256(bytes);
        return true;
    }

    /// <summary>Succeeds when no bytes remain; otherwise sets <see cref="RlpError.TrailingBytes"/>.</summary>
    public bool TryEnsureEnd() => IsEnd || Fail(RlpError.TrailingBytes);

    private bool TryReadFixed(int size, out ReadOnlySpan<byte> bytes)
    {
        var start = _position;
        if (!TryReadBytes(out bytes))
        {
            return false;
        }

        if (bytes.Length != size)
        {
            _position = start;
            return Fail(RlpError.WrongLength);
        }

        return true;
    }

    private bool TryHeader(out bool isList, out int offset, out int length)
    {
        if (_position >= _data.Length)
        {
            isList = false;
            offset = 0;
            length = 0;
            return Fail(RlpError.EndOfInput);
        }

        var error = TryReadHeader(_data[_position..], out isList, out offset, out length);
        return error == RlpError.None || Fail(error);
    }

    private bool Fail(RlpError error)
    {
        Error = error;
        return false;
    }
}
