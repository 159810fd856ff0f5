namespace GpuValidate.Engine.Encoding;

/// <summary>
/// secp256k1's constants as 32-byte big-endian values, and range checks on untrusted 32-byte scalars. For
/// equal-length big-endian numbers, byte-wise lexicographic order is numeric order, so comparisons are
/// plain span comparisons without any big-number type.
/// </summary>
public static class CurveBytes
{
    /// <summary>The group order n.</summary>
    public static ReadOnlySpan<byte> Order =>
    [
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
        0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41,
    ];

    /// <summary>floor(n / 2): the largest low-S value.</summary>
    public static ReadOnlySpan<byte> HalfOrder =>
    [
        0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0x5D, 0x57, 0x6E, 0x73, 0x57, 0xA4, 0x50, 0x1D, 0xDF, 0xE9, 0x2F, 0x46, 0x68, 0x1B, 0x20, 0xA0,
    ];

    /// <summary>The field prime p.</summary>
    public static ReadOnlySpan<byte> FieldPrime =>
    [
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE, 0xFF, 0xFF, 0xFC, 0x2F,
    ];

    /// <summary>True when the 32-byte value is zero.</summary>
    public static bool IsZero(ReadOnlySpan<byte> value32) => value32[..32].IndexOfAnyExcept((byte)0) < 0;

    /// <summary>True when the 32-byte value is in [1, n-1]: a usable ECDSA r or s.</summary>
    public static bool IsValidScalar(ReadOnlySpan<byte> value32) =>
        !IsZero(value32) && value32[..32].SequenceCompareTo(Order) < 0;

    /// <summary>True when the 32-byte value is below n (zero included): a usable BIP-340 s.</summary>
    public static bool IsBelowOrder(ReadOnlySpan<byte> value32) => value32[..32].SequenceCompareTo(Order) < 0;

    /// <summary>True when the 32-byte value is below p: a field element's canonical encoding.</summary>
    public static bool IsBelowFieldPrime(ReadOnlySpan<byte> value32) => value32[..32].SequenceCompareTo(FieldPrime) < 0;

    /// <summary>True when a scalar below n is above n/2 (not low-S).</summary>
    public static bool IsHigh(ReadOnlySpan<byte> value32) => value32[..32].SequenceCompareTo(HalfOrder) > 0;

    /// <summary>Writes n - s for a scalar s in [1, n-1]: the other S of the same signature.</summary>
    public static void NegateModOrder(ReadOnlySpan<byte> s32, Span<byte> destination32)
    {
        var order = Order;
        var borrow = 0;
        for (var i = 31; i >= 0; i--)
        {
            var d = order[i] - s32[i] - borrow;
            borrow = d < 0 ? 1 : 0;
            destination32[i] = (byte)d;
        }
    }
}
