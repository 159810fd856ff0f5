using System.Numerics;

namespace GpuValidate.Engine.Encoding;

/// <summary>
/// SEC1 public keys: 33-byte compressed (<c>02</c>/<c>03</c> || x) or 65-byte uncompressed (<c>04</c> || x || y).
/// The hybrid forms (<c>06</c>/<c>07</c>) that libsecp256k1 also accepts are refused, so that every backend
/// agrees on one set of valid keys.
/// </summary>
public static class Sec1PublicKey
{
    /// <summary>A compressed key's length.</summary>
    public const int CompressedLength = 33;

    /// <summary>An uncompressed key's length.</summary>
    public const int UncompressedLength = 65;

    private static readonly BigInteger P = new(CurveBytes.FieldPrime, isUnsigned: true, isBigEndian: true);
    private static readonly BigInteger SqrtExponent = (P + 1) / 4;

    /// <summary>True when the length and prefix byte are a compressed or uncompressed SEC1 key.</summary>
    public static bool HasValidPrefix(ReadOnlySpan<byte> encoded) => encoded.Length switch
    {
        CompressedLength => encoded[0] is 0x02 or 0x03,
        UncompressedLength => encoded[0] == 0x04,
        _ => false,
    };

    /// <summary>
    /// Parses and validates a key: the prefix, coordinates below p, and the point on the curve
    /// (y² = x³ + 7). Writes the 64-byte affine x||y. Host-side and allocation-bound (BigInteger):
    /// for input checking and tests, not for hot paths, where the backends parse keys themselves.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> encoded, Span<byte> xy64)
    {
        if (!HasValidPrefix(encoded) || !CurveBytes.IsBelowFieldPrime(encoded.Slice(1, 32)))
        {
            return false;
        }

        var x = new BigInteger(encoded.Slice(1, 32), isUnsigned: true, isBigEndian: true);
        var rhs = (BigInteger.ModPow(x, 3, P) + 7) % P;
        BigInteger y;
        if (encoded.Length == UncompressedLength)
        {
            if (!CurveBytes.IsBelowFieldPrime(encoded.Slice(33, 32)))
            {
                return false;
            }

            y = new BigInteger(encoded.Slice(33, 32), isUnsigned: true, isBigEndian: true);
            if (BigInteger.ModPow(y, 2, P) != rhs)
            {
                return false;
            }
        }
        else
        {
            // p = 3 mod 4, so a square root is rhs^((p+1)/4) when one exists.
            y = BigInteger.ModPow(rhs, SqrtExponent, P);
            if (BigInteger.ModPow(y, 2, P) != rhs)
            {
                return false;
            }

            if (!y.IsEven != (encoded[0] == 0x03))
            {
                y = P - y;
            }
        }

        encoded.Slice(1, 32).CopyTo(xy64);
        WriteBigEndian(y, xy64.Slice(32, 32));
        return true;
    }

    private static void WriteBigEndian(BigInteger value, Span<byte> destination32)
    {
        destination32.Clear();
        var count = value.GetByteCount(isUnsigned: true);
        value.TryWriteBytes(destination32[(32 - count)..], out _, isUnsigned: true, isBigEndian: true);
    }
}
