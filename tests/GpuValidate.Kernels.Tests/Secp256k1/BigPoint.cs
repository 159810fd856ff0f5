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

    public static BigPoint? Mul(BigInteger k, BigPoint? a)
    {
        BigPoint? result = null;
        var addend = a;
        k = BigRef.Mod(k, BigRef.N);
        while (k > 0)
        {
            if (!k.IsEven)
            {
                result = Add(result, addend);
            }

            addend = Add(addend, addend);
            k >>= 1;
        }

        return result;
    }

    public static BigPoint? Negate(BigPoint? a) => a is null ? null : new BigPoint(a.X, BigRef.Mod(-a.Y, P));
}
