using System.Buffers.Binary;
using ILGPU;

namespace GpuValidate.Kernels.Hashing;

/// <summary>
/// A 32-byte digest as eight big-endian words: <see cref="W0"/> holds bytes 0..3 with byte 0 most significant.
/// Plain fields and no arrays, so it can live in registers inside kernels and be passed to them by value.
/// </summary>
public struct Digest256 : IEquatable<Digest256>
{
    /// <summary>Digest words in order; each holds four bytes, the earliest byte most significant.</summary>
    public uint W0, W1, W2, W3, W4, W5, W6, W7;

    /// <summary>Reads a digest from 32 bytes of device memory (kernel-safe).</summary>
    public static Digest256 Load(ArrayView<byte> source, long offset)
    {
        Digest256 d;
        d.W0 = LoadWord(source, offset);
        d.W1 = LoadWord(source, offset + 4);
        d.W2 = LoadWord(source, offset + 8);
        d.W3 = LoadWord(source, offset + 12);
        d.W4 = LoadWord(source, offset + 16);
        d.W5 = LoadWord(source, offset + 20);
        d.W6 = LoadWord(source, offset + 24);
        d.W7 = LoadWord(source, offset + 28);
        return d;
    }

    /// <summary>Writes the digest as 32 bytes of device memory (kernel-safe).</summary>
    public readonly void Store(ArrayView<byte> target, long offset)
    {
        StoreWord(target, offset, W0);
        StoreWord(target, offset + 4, W1);
        StoreWord(target, offset + 8, W2);
        StoreWord(target, offset + 12, W3);
        StoreWord(target, offset + 16, W4);
        StoreWord(target, offset + 20, W5);
        StoreWord(target, offset + 24, W6);
        StoreWord(target, offset + 28, W7);
    }

    /// <summary>Reads a digest from its 32-byte form.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not 32 bytes long.</exception>
    public static Digest256 FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 32)
        {
            throw new ArgumentException("a digest is exactly 32 bytes", nameof(bytes));
        }

        Digest256 d;
        d.W0 = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        d.W1 = BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]);
        d.W2 = BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]);
        d.W3 = BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]);
        d.W4 = BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]);
        d.W5 = BinaryPrimitives.ReadUInt32BigEndian(bytes[20..]);
        d.W6 = BinaryPrimitives.ReadUInt32BigEndian(bytes[24..]);
        d.W7 = BinaryPrimitives.ReadUInt32BigEndian(bytes[28..]);
        return d;
    }

    /// <summary>Writes the digest's 32 bytes to <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 32 bytes.</exception>
    public readonly void WriteTo(Span<byte> destination)
    {
        if (destination.Length < 32)
        {
            throw new ArgumentException("a digest needs 32 bytes", nameof(destination));
        }

        BinaryPrimitives.WriteUInt32BigEndian(destination, W0);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], W1);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], W2);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], W3);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], W4);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], W5);
        BinaryPrimitives.WriteUInt32BigEndian(destination[24..], W6);
        BinaryPrimitives.WriteUInt32BigEndian(destination[28..], W7);
    }

    /// <summary>The digest's 32 bytes in a new array (host convenience).</summary>
    public readonly byte[] ToArray()
    {
        var bytes = new byte[32];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Lower-case hex of the 32 bytes.</summary>
    public override readonly string ToString() => Convert.ToHexStringLower(ToArray());

    /// <inheritdoc />
    public readonly bool Equals(Digest256 other) =>
        W0 == other.W0 && W1 == other.W1 && W2 == other.W2 && W3 == other.W3 &&
        W4 == other.W4 && W5 == other.W5 && W6 == other.W6 && W7 == other.W7;

    /// <inheritdoc />
    public override readonly bool Equals(object? obj) => obj is Digest256 other && Equals(other);

    /// <inheritdoc />
    public override readonly int GetHashCode() => HashCode.Combine(W0, W1, W2, W3, W4, W5, W6, W7);

    /// <summary>Word-wise equality.</summary>
    public static bool operator ==(Digest256 left, Digest256 right) => left.Equals(right);

    /// <summary>Word-wise inequality.</summary>
    public static bool operator !=(Digest256 left, Digest256 right) => !left.Equals(right);

    private static uint LoadWord(ArrayView<byte> source, long offset) =>
        ((uint)source[offset] << 24) | ((uint)source[offset + 1] << 16) |
        ((uint)source[offset + 2] << 8) | source[offset + 3];

    private static void StoreWord(ArrayView<byte> target, long offset, uint word)
    {
        target[offset] = (byte)(word >> 24);
        target[offset + 1] = (byte)(word >> 16);
        target[offset + 2] = (byte)(word >> 8);
        target[offset + 3] = (byte)word;
    }
}
