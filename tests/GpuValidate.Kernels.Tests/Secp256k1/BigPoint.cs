using System.Numerics;

namespace GpuValidate.Kernels.Tests.Secp256k1;

/// <summary>Affine secp256k1 arithmetic in BigInteger (null is infinity): a slow, obviously correct reference.</summary>
internal sealed record BigPoint(BigInteger X, BigInteger Y)
{
    private static readonly BigInteger P = BigRef.P;

    public static BigPoint G { get; } = new(BigRef.Gx, BigRef.Gy);

    public static BigPoint? Add(BigPoint? a, BigPoint? b)
    {
        if (a is null)
        {
            return b;
        }

        if (b is null)
        {
            return a;
        }

        BigInteger lambda;
        if (a.X == b.X)
        {
            if (BigRef.Mod(a.Y + b.Y, P).IsZero)
            {
                return null;
            }

            lambda = 3 * a.X * a.X * BigInteger.ModPow(2 * a.Y, P - 2, P);
        }
        else
        {
            lambda = (b.Y - a.Y) * BigInteger.ModPow(BigRef.Mod(b.X - a.X, P), P - 2, P);
        }

        lambda = BigRef.Mod(lambda, P);
        var x = BigRef.Mod((lambda * lambda) - a.X - b.X, P);
        var y = BigRef.Mod((lambda * (a.X - x)) - a.Y, P);
        return new BigPoint(x, y);
    }

    /// <summary>k a by double-and-add in Jacobian coordinates (one inversion at the end).</summary>
    public static BigPoint? Mul(BigInteger k, BigPoint? a)
    {
        k = BigRef.Mod(k, BigRef.N);
        if (a is null || k.IsZero)
        {
            return null;
        }

        (BigInteger X, BigInteger Y, BigInteger Z) r = (0, 1, 0);
        for (int bit = (int)k.GetBitLength() - 1; bit >= 0; bit--)
        {
            r = JacobianDouble(r);
            if (!(k >> bit).IsEven)
            {
                r = JacobianAddAffine(r, a);
            }
        }

        if (r.Z.IsZero)
        {
            return null;
        }

        var zi = BigInteger.ModPow(r.Z, P - 2, P);
        return new BigPoint(BigRef.Mod(r.X * zi * zi, P), BigRef.Mod(r.Y * zi * zi * zi, P));
    }

    // Textbook Jacobian formulas for y^2 = x^3 + 7; Z = 0 is infinity.
    private static (BigInteger X, BigInteger Y, BigInteger Z) JacobianDouble((BigInteger X, BigInteger Y, BigInteger Z) p)
    {
        if (p.Z.IsZero || p.Y.IsZero)
        {
            return (0, 1, 0);
        }

        var s = BigRef.Mod(4 * p.X * p.Y * p.Y, P);
        var m = BigRef.Mod(3 * p.X * p.X, P);
        var x = BigRef.Mod((m * m) - (2 * s), P);
        var y = BigRef.Mod((m * (s - x)) - (8 * BigInteger.Pow(p.Y, 4)), P);
        return (x, y, BigRef.Mod(2 * p.Y * p.Z, P));
    }

    private static (BigInteger X, BigInteger Y, BigInteger Z) JacobianAddAffine((BigInteger X, BigInteger Y, BigInteger Z) p, BigPoint q)
    {
        if (p.Z.IsZero)
        {
            return (q.X, q.Y, 1);
        }

        var zz = p.Z * p.Z % P;
        var u2 = q.X * zz % P;
        var s2 = q.Y * zz % P * p.Z % P;
        var h = BigRef.Mod(u2 - p.X, P);
        var r = BigRef.Mod(s2 - p.Y, P);
        if (h.IsZero)
        {
            return r.IsZero ? JacobianDouble(p) : (0, 1, 0);
        }

        var hh = h * h % P;
        var hhh = hh * h % P;
        var v = p.X * hh % P;
        var x = BigRef.Mod((r * r) - hhh - (2 * v), P);
        var y = BigRef.Mod((r * (v - x)) - (p.Y * hhh), P);
        return (x, y, p.Z * h % P);
    }

    public static BigPoint? Negate(BigPoint? a) => a is null ? null : new BigPoint(a.X, BigRef.Mod(-a.Y, P));
}
