using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace GpuValidate.Ethereum.Primitives;

/// <summary>
/// An unsigned 256-bit integer (balances, values, fee caps), four 64-bit limbs, least significant first.
/// Arithmetic reports overflow instead of wrapping silently: consensus rules reject such values.
/// </summary>
public readonly struct UInt256 : IEquatable<UInt256>, IComparable<UInt256>
{
    /// <summary>The number of bytes in the big-endian encoding.</summary>
    public const int Size = 32;

    private readonly ulong _u0;
    private readonly ulong _u1;
    private readonly ulong _u2;
    private readonly ulong _u3;

    /// <summary>Builds a value from its limbs, least significant first.</summary>
    public UInt256(ulong u0, ulong u1 = 0, ulong u2 = 0, ulong u3 = 0)
    {
        _u0 = u0;
        _u1 = u1;
        _u2 = u2;
        _u3 = u3;
    }

    /// <summary>Zero.</summary>
    public static UInt256 Zero => default;

    /// <summary>One.</summary>
    public static UInt256 One => new(1);

    /// <summary>2^256 - 1.</summary>
    public static UInt256 MaxValue => new(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue);

    /// <summary>True when the value is zero.</summary>
    public bool IsZero => (_u0 | _u1 | _u2 | _u3) == 0;

    /// <summary>True when the value fits in 64 bits.</summary>
    public bool FitsInUInt64 => (_u1 | _u2 | _u3) == 0;

    /// <summary>The low 64 bits.</summary>
    public ulong Low64 => _u0;

    /// <summary>The number of significant bytes (0 for zero): the length of its minimal big-endian encoding.</summary>
    public int ByteLength
    {
        get
        {
            var bits = _u3 != 0 ? 256 - BitOperations.LeadingZeroCount(_u3)
                : _u2 != 0 ? 192 - BitOperations.LeadingZeroCount(_u2)
                : _u1 != 0 ? 128 - BitOperations.LeadingZeroCount(_u1)
                : 64 - BitOperations.LeadingZeroCount(_u0);
            return (bits + 7) / 8;
        }
    }

    /// <summary>Reads a big-endian value of at most 32 bytes (leading zeros allowed; callers that forbid them check first).</summary>
    public static bool TryFromBigEndian(ReadOnlySpan<byte> bytes, out UInt256 value)
    {
        if (bytes.Length > Size)
        {
            value = default;
            return false;
        }

        Span<byte> padded = stackalloc byte[Size];
        padded.Clear();
        bytes.CopyTo(padded[(Size - bytes.Length)..]);
        value = new UInt256(
            BinaryPrimitives.ReadUInt64BigEndian(padded[24..]),
            BinaryPrimitives.ReadUInt64BigEndian(padded[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(padded[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(padded));
        return true;
    }

    /// <summary>Writes the full 32-byte big-endian encoding.</summary>
    public void WriteBigEndian(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _u3);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _u2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _u1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _u0);
    }

    /// <summary>Writes the minimal big-endian encoding (no leading zeros; empty for zero) and returns its length.</summary>
    public int WriteMinimalBigEndian(Span<byte> destination)
    {
        Span<byte> full = stackalloc byte[Size];
        WriteBigEndian(full);
        var length = ByteLength;
        full[(Size - length)..].CopyTo(destination);
        return length;
    }

    /// <summary>a + b, false on overflow past 2^256 - 1.</summary>
    public static bool TryAdd(in UInt256 a, in UInt256 b, out UInt256 sum)
    {
        var r0 = a._u0 + b._u0;
        var c = r0 < a._u0 ? 1UL : 0UL;
        var (r1, c1) = AddWithCarry(a._u1, b._u1, c);
        var (r2, c2) = AddWithCarry(a._u2, b._u2, c1);
        var (r3, c3) = AddWithCarry(a._u3, b._u3, c2);
        sum = new UInt256(r0, r1, r2, r3);
        return c3 == 0;
    }

    /// <summary>a - b, false when b &gt; a.</summary>
    public static bool TrySubtract(in UInt256 a, in UInt256 b, out UInt256 difference)
    {
        var (r0, b0) = SubtractWithBorrow(a._u0, b._u0, 0);
        var (r1, b1) = SubtractWithBorrow(a._u1, b._u1, b0);
        var (r2, b2) = SubtractWithBorrow(a._u2, b._u2, b1);
        var (r3, b3) = SubtractWithBorrow(a._u3, b._u3, b2);
        difference = new UInt256(r0, r1, r2, r3);
        return b3 == 0;
    }

    /// <summary>a * b, false on overflow past 2^256 - 1.</summary>
    public static bool TryMultiply(in UInt256 a, in UInt256 b, out UInt256 product)
    {
        Span<ulong> x = [a._u0, a._u1, a._u2, a._u3];
        Span<ulong> y = [b._u0, b._u1, b._u2, b._u3];
        Span<ulong> r = stackalloc ulong[8];
        r.Clear();
        for (var i = 0; i < 4; i++)
        {
            ulong carry = 0;
            for (var j = 0; j < 4; j++)
            {
                var t = (UInt128)x[i] * y[j] + r[i + j] + carry;
                r[i + j] = (ulong)t;
                carry = (ulong)(t >> 64);
            }

            r[i + 4] = carry;
        }

        product = new UInt256(r[0], r[1], r[2], r[3]);
        return (r[4] | r[5] | r[6] | r[7]) == 0;
    }

    /// <summary>a + b; throws <see cref="OverflowException"/> past 2^256 - 1.</summary>
    public static UInt256 operator +(in UInt256 a, in UInt256 b) =>
        TryAdd(a, b, out var sum) ? sum : throw new OverflowException("UInt256 addition overflowed");

    /// <summary>a - b; throws <see cref="OverflowException"/> when b &gt; a.</summary>
    public static UInt256 operator -(in UInt256 a, in UInt256 b) =>
        TrySubtract(a, b, out var difference) ? difference : throw new OverflowException("UInt256 subtraction underflowed");

    /// <summary>a * b; throws <see cref="OverflowException"/> past 2^256 - 1.</summary>
    public static UInt256 operator *(in UInt256 a, in UInt256 b) =>
        TryMultiply(a, b, out var product) ? product : throw new OverflowException("UInt256 multiplication overflowed");

    public static implicit operator UInt256(ulong value) => new(value);

    public static bool operator ==(in UInt256 a, in UInt256 b) => a.Equals(b);

    public static bool operator !=(in UInt256 a, in UInt256 b) => !a.Equals(b);

    public static bool operator <(in UInt256 a, in UInt256 b) => a.CompareTo(b) < 0;

    public static bool operator >(in UInt256 a, in UInt256 b) => a.CompareTo(b) > 0;

    public static bool operator <=(in UInt256 a, in UInt256 b) => a.CompareTo(b) <= 0;

    public static bool operator >=(in UInt256 a, in UInt256 b) => a.CompareTo(b) >= 0;

    /// <summary>The smaller of two values.</summary>
    public static UInt256 Min(in UInt256 a, in UInt256 b) => a <= b ? a : b;

    /// <inheritdoc/>
    public bool Equals(UInt256 other) => _u0 == other._u0 && _u1 == other._u1 && _u2 == other._u2 && _u3 == other._u3;

    /// <inheritdoc/>
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is UInt256 other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_u0, _u1, _u2, _u3);

    /// <inheritdoc/>
    public int CompareTo(UInt256 other)
    {
        if (_u3 != other._u3)
        {
            return _u3.CompareTo(other._u3);
        }

        if (_u2 != other._u2)
        {
            return _u2.CompareTo(other._u2);
        }

        return _u1 != other._u1 ? _u1.CompareTo(other._u1) : _u0.CompareTo(other._u0);
    }

    /// <summary>The value as a <see cref="BigInteger"/> (for tests and display).</summary>
    public BigInteger ToBigInteger()
    {
        Span<byte> bytes = stackalloc byte[Size];
        WriteBigEndian(bytes);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Converts a non-negative <see cref="BigInteger"/> below 2^256.</summary>
    public static bool TryFromBigInteger(BigInteger value, out UInt256 result)
    {
        result = default;
        if (value.Sign < 0 || value.GetByteCount(isUnsigned: true) > Size)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Size];
        value.TryWriteBytes(bytes, out var written, isUnsigned: true, isBigEndian: true);
        return TryFromBigEndian(bytes[..written], out result);
    }

    /// <summary>Parses decimal digits or 0x-hex (as genesis files write balances); false for anything else.</summary>
    public static bool TryParse(string? text, out UInt256 value)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        BigInteger big;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            var digits = text.AsSpan(2);
            if (digits.Length == 0 || digits.Length > 64)
            {
                return false;
            }

            foreach (var ch in digits)
            {
                if (!char.IsAsciiHexDigit(ch))
                {
                    return false;
                }
            }

            big = BigInteger.Parse("0" + digits.ToString(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }
        else
        {
            foreach (var ch in text)
            {
                if (!char.IsAsciiDigit(ch))
                {
                    return false;
                }
            }

            if (text.Length > 78)
            {
                return false;
            }

            big = BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        return TryFromBigInteger(big, out value);
    }

    /// <summary>Minimal lower-case 0x-hex ("0x0" for zero), as genesis and JSON-RPC write quantities.</summary>
    public string ToHexString()
    {
        if (IsZero)
        {
            return "0x0";
        }

        Span<byte> bytes = stackalloc byte[Size];
        WriteBigEndian(bytes);
        return "0x" + Convert.ToHexStringLower(bytes).TrimStart('0');
    }

    /// <summary>Decimal digits.</summary>
    public override string ToString() => ToBigInteger().ToString(CultureInfo.InvariantCulture);

    private static (ulong Sum, ulong Carry) AddWithCarry(ulong a, ulong b, ulong carry)
    {
        var s = a + b;
        var c = s < a ? 1UL : 0UL;
        var s2 = s + carry;
        c += s2 < s ? 1UL : 0UL;
        return (s2, c);
    }

    private static (ulong Difference, ulong Borrow) SubtractWithBorrow(ulong a, ulong b, ulong borrow)
    {
        var d = a - b;
        var br = a < b ? 1UL : 0UL;
        var d2 = d - borrow;
        br += d < borrow ? 1UL : 0UL;
        return (d2, br);
    }
}
