using GpuValidate.Kernels.Hashing;

namespace GpuValidate.Kernels.Secp256k1;

/// <summary>A finite point (x, y) of secp256k1 in affine coordinates, both reduced. Kernel-safe.</summary>
public readonly struct AffinePoint
{
    /// <summary>The curve's b in y^2 = x^3 + b.</summary>
    public const uint B = 7;

    /// <summary>The x coordinate.</summary>
    public readonly FieldElement X;

    /// <summary>The y coordinate.</summary>
    public readonly FieldElement Y;

    /// <summary>A point from coordinates; the caller guarantees it lies on the curve.</summary>
    public AffinePoint(in FieldElement x, in FieldElement y)
    {
        X = x;
        Y = y;
    }

    /// <summary>The generator G.</summary>
    public static AffinePoint Generator => new(
        new FieldElement(0x16F81798u, 0x59F2815Bu, 0x2DCE28D9u, 0x029BFCDBu, 0xCE870B07u, 0x55A06295u, 0xF9DCBBACu, 0x79BE667Eu),
        new FieldElement(0xFB10D4B8u, 0x9C47D08Fu, 0xA6855419u, 0xFD17B448u, 0x0E1108A8u, 0x5DA4FBFCu, 0x26A3C465u, 0x483ADA77u));

    /// <summary>(x, -y).</summary>
    public static AffinePoint Negate(in AffinePoint a) => new(a.X, FieldElement.Negate(a.Y));

    /// <summary>True when y^2 = x^3 + 7.</summary>
    public static bool IsOnCurve(in FieldElement x, in FieldElement y) =>
        FieldElement.AreEqual(FieldElement.Sqr(y), CurveRight(x));

    /// <summary>x^3 + 7.</summary>
    public static FieldElement CurveRight(in FieldElement x) =>
        FieldElement.Add(FieldElement.Mul(FieldElement.Sqr(x), x), new FieldElement(B, 0, 0, 0, 0, 0, 0, 0));

    /// <summary>The point with x coordinate <paramref name="x"/> and y of the given parity, when one exists.</summary>
    public static bool TryFromX(in FieldElement x, bool oddY, out AffinePoint point)
    {
        if (!FieldElement.Sqrt(CurveRight(x), out var y))
        {
            point = default;
            return false;
        }

        point = new AffinePoint(x, y.IsOdd == oddY ? y : FieldElement.Negate(y));
        return true;
    }

    /// <summary>BIP-340 lift_x: the point with x coordinate <paramref name="x"/> (below p) and even y, when one exists.</summary>
    public static bool TryLiftX(in Digest256 x, out AffinePoint point)
    {
        if (!FieldElement.IsBelowPrime(x))
        {
            point = default;
            return false;
        }

        return TryFromX(FieldElement.FromDigest(x), false, out point);
    }

    /// <summary>
    /// Parses a SEC1 key given its prefix byte, the 32-byte big-endian words after it, and its length: 33 bytes
    /// (<c>02</c>/<c>03</c> || x) or 65 bytes (<c>04</c> || x || y, <paramref name="y"/> ignored otherwise).
    /// Coordinates must be below p and the point on the curve; the hybrid prefixes are refused.
    /// </summary>
    public static bool TryDecode(int prefix, in Digest256 x, in Digest256 y, int length, out AffinePoint point)
    {
        point = default;
        if (!FieldElement.IsBelowPrime(x))
        {
            return false;
        }

        var fx = FieldElement.FromDigest(x);
        if (length == 33 && (prefix == 2 || prefix == 3))
        {
            return TryFromX(fx, prefix == 3, out point);
        }

        if (length != 65 || prefix != 4 || !FieldElement.IsBelowPrime(y))
        {
            return false;
        }

        var fy = FieldElement.FromDigest(y);
        if (!IsOnCurve(fx, fy))
        {
            return false;
        }

        point = new AffinePoint(fx, fy);
        return true;
    }
}
