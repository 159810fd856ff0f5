using System.Buffers.Binary;
using System.Numerics;
using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.Ethereum.Rlp;

/// <summary>
/// Length-first RLP encoder: compute the size with the static <c>LengthOf...</c> methods, rent or stack-allocate
/// exactly that many bytes, then write the items in order. A list is written as its header
/// (<see cref="WriteListHeader"/> with the summed lengths of its items) followed by the items.
/// Always produces the canonical encoding, so <see cref="RlpReader"/> reads back what was written.
/// </summary>
public ref struct RlpWriter
{
    private readonly Span<byte> _destination;
    private int _position;

    /// <summary>Writes into <paramref name="destination"/> from its start.</summary>
    public RlpWriter(Span<byte> destination)
    {
        _destination = destination;
        _position = 0;
    }

    /// <summary>The number of bytes written so far.</summary>
    public readonly int Position => _position;

    /// <summary>The bytes written so far.</summary>
    public readonly ReadOnlySpan<byte> Written => _destination[.._position];

    /// <summary>The size of the header that announces a payload of <paramref name="payloadLength"/> bytes.</summary>
    public static int LengthOfHeader(int payloadLength) => payloadLength < 56 ? 1 : 1 + ByteCount((ulong)payloadLength);

    /// <summary>The size of a list whose items take <paramref name="payloadLength"/> bytes in all.</summary>
    public static int LengthOfList(int payloadLength) => LengthOfHeader(payloadLength) + payloadLength;

    /// <summary>The size of a byte string.</summary>
    public static int LengthOfBytes(ReadOnlySpan<byte> value) =>
        value.Length == 1 && value[0] < 0x80 ? 1 : LengthOfHeader(value.Length) + value.Length;

    /// <summary>The size of an unsigned integer.</summary>
    public static int LengthOfUInt64(ulong value) => value < 0x80 ? 1 : 1 + ByteCount(value);

    /// <summary>The size of an unsigned 256-bit integer.</summary>
    public static int LengthOfUInt256(in UInt256 value)
    {
        if (value.FitsInUInt64)
        {
            return LengthOfUInt64(value.Low64);
        }

        return 1 + value.ByteLength;
    }

    /// <summary>The size of an address (always 21).</summary>
    public static int LengthOfAddress() => 1 + Address.Size;

    /// <summary>The size of an optional address: the empty string (1 byte) when null, otherwise 21.</summary>
    public static int LengthOfOptionalAddress(Address? address) => address is null ? 1 : 1 + Address.Size;

    /// <summary>The size of a 32-byte hash (always 33).</summary>
    public static int LengthOfHash() => 1 + Hash256.Size;

    /// <summary>Writes the header of a list whose items take <paramref name="payloadLength"/> bytes.</summary>
    public void WriteListHeader(int payloadLength) => WriteHeader(0xC0, payloadLength);

    /// <summary>Writes a byte string.</summary>
    public void WriteBytes(scoped ReadOnlySpan<byte> value)
    {
        if (value.Length == 1 && value[0] < 0x80)
        {
            _destination[_position++] = value[0];
            return;
        }

        WriteHeader(0x80, value.Length);
        value.CopyTo(_destination[_position..]);
        _position += value.Length;
    }

    /// <summary>Writes an unsigned integer (zero is the empty string).</summary>
    public void WriteUInt64(ulong value)
    {
        if (value == 0)
        {
            _destination[_position++] = 0x80;
            return;
        }

        if (value < 0x80)
        {
            _destination[_position++] = (byte)value;
            return;
        }

        var count = ByteCount(value);
        _destination[_position++] = (byte)(0x80 + count);
        WriteBigEndian(value, count);
    }

    /// <summary>Writes an unsigned 256-bit integer (zero is the empty string).</summary>
    public void WriteUInt256(in UInt256 value)
    {
        if (value.FitsInUInt64)
        {
            WriteUInt64(value.Low64);
            return;
        }

        Span<byte> bytes = stackalloc byte[UInt256.Size];
        var length = value.WriteMinimalBigEndian(bytes);
        WriteBytes(bytes[..length]);
    }

    /// <summary>Writes a 20-byte address.</summary>
    public void WriteAddress(in Address address)
    {
        _destination[_position++] = 0x80 + Address.Size;
        address.WriteTo(_destination[_position..]);
        _position += Address.Size;
    }

    /// <summary>Writes an address, or the empty string for none (contract creation).</summary>
    public void WriteOptionalAddress(Address? address)
    {
        if (address is { } a)
        {
            WriteAddress(a);
        }
        else
        {
            _destination[_position++] = 0x80;
        }
    }

    /// <summary>Writes a 32-byte hash.</summary>
    public void WriteHash(in Hash256 hash)
    {
        _destination[_position++] = 0x80 + Hash256.Size;
        hash.WriteTo(_destination[_position..]);
        _position += Hash256.Size;
    }

    /// <summary>Copies an already-encoded item (or several) verbatim.</summary>
    public void WriteEncoded(scoped ReadOnlySpan<byte> encoded)
    {
        encoded.CopyTo(_destination[_position..]);
        _position += encoded.Length;
    }

    /// <summary>Writes a raw byte (e.g. a typed transaction's type prefix).</summary>
    public void WriteRawByte(byte value) => _destination[_position++] = value;

    private void WriteHeader(byte shortBase, int payloadLength)
    {
        if (payloadLength < 56)
        {
            _destination[_position++] = (byte)(shortBase + payloadLength);
            return;
        }

        var count = ByteCount((ulong)payloadLength);
        _destination[_position++] = (byte)(shortBase + 55 + count);
        WriteBigEndian((ulong)payloadLength, count);
    }

    private void WriteBigEndian(ulong value, int count)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        bytes[(8 - count)..].CopyTo(_destination[_position..]);
        _position += count;
    }

    private static int ByteCount(ulong value) => value == 0 ? 0 : (64 - BitOperations.LeadingZeroCount(value) + 7) / 8;
}
