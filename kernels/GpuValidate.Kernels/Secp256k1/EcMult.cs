using System.Runtime.CompilerServices;

namespace GpuValidate.Kernels.Secp256k1;

/// <summary>Scalar multiplication: the double-base u1 G + u2 Q that every verification and recovery reduces to. Kernel-safe.</summary>
public static class EcMult
{
    /// <summary>beta, a cube root of unity mod p: (beta x, y) = lambda (x, y).</summary>
    public static FieldElement Beta => new(0x719501EEu, 0xC1396C28u, 0x12F58995u, 0x9CF04975u, 0xAC3434E9u, 0x6E64479Eu, 0x657C0710u, 0x7AE96A2Bu);

    /// <summary>
    /// u1 G + u2 Q, variable time (verification touches public data only). The Q part splits u2 with the GLV
    /// endomorphism into two 128-bit halves and runs signed 4-bit windows over one per-thread table of 1Q..8Q
    /// (lambda multiples are the same points with x times beta): 132 doublings, at most 66 additions. The G part
    /// adds one precomputed point per non-zero byte of u1 (at most 32 mixed additions, no doublings).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static JacobianPoint DoubleBase<TTable>(in TTable g, in Scalar u1, in AffinePoint q, in Scalar u2)
        where TTable : struct, IGeneratorTable
    {
        var acc = JacobianPoint.Infinity;
        if (!u2.IsZero)
        {
            Scalar.SplitLambda(u2, out var k1, out var k2);
            bool negate1 = k1.IsHigh;
            bool negate2 = k2.IsHigh;
            if (negate1)
            {
                k1 = Scalar.Negate(k1);
            }

            if (negate2)
            {
                k2 = Scalar.Negate(k2);
            }

            acc = k1.Fits128 && k2.Fits128 ? MultiplyGlv(q, k1, negate1, k2, negate2) : MultiplyPlain(q, u2);
        }

        return AddGeneratorMultiple(g, acc, u1);
    }

    /// <summary>acc + k G using only the precomputed table: one mixed addition per non-zero byte of k.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static JacobianPoint AddGeneratorMultiple<TTable>(in TTable g, in JacobianPoint acc, in Scalar k)
        where TTable : struct, IGeneratorTable
    {
        var r = acc;
        for (int w = 0; w < GeneratorTable.Windows; w++)
        {
            int d = k.Byte(w);
            if (d != 0)
            {
                r = JacobianPoint.AddMixed(r, g.Get(w, d));
            }
        }

        return r;
    }

    /// <summary>k Q by 4-bit fixed windows over all 256 bits, without the endomorphism (the reference the GLV path is tested against).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static JacobianPoint MultiplyPlain(in AffinePoint q, in Scalar k)
    {
        var acc = JacobianPoint.Infinity;
        var table = MultipleTable.Build(q);
        for (int w = 63; w >= 0; w--)
        {
            acc = JacobianPoint.Double(acc);
            acc = JacobianPoint.Double(acc);
            acc = JacobianPoint.Double(acc);
            acc = JacobianPoint.Double(acc);
            int d = k.Nibble(w);
            if (d != 0)
            {
                acc = JacobianPoint.Add(acc, table.Get(d));
            }
        }

        return acc;
    }

    // (+-k1) Q + (+-k2) lambda Q for k1, k2 below 2^128, sharing the doublings. Signed 4-bit digits (33 windows,
    // the top one only a carry) halve the table; a digit's sign and the half's sign combine into one negation.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static JacobianPoint MultiplyGlv(in AffinePoint q, in Scalar k1, bool negate1, in Scalar k2, bool negate2)
    {
        var acc = JacobianPoint.Infinity;
        var table = HalfTable.Build(q);
        var beta = Beta;
        uint carries1 = SignedCarries(k1);
        uint carries2 = SignedCarries(k2);
        for (int w = 32; w >= 0; w--)
        {
            acc = JacobianPoint.Double(acc);
            acc = JacobianPoint.Double(acc);
            acc = JacobianPoint.Double(acc);
            acc = JacobianPoint.Double(acc);
            int d1 = SignedDigit(k1, carries1, w);
            if (d1 != 0)
            {
                var p = table.Get(d1 < 0 ? -d1 : d1);
                acc = JacobianPoint.Add(acc, (d1 < 0) != negate1 ? JacobianPoint.Negate(p) : p);
            }

            int d2 = SignedDigit(k2, carries2, w);
            if (d2 != 0)
            {
                var p = table.Get(d2 < 0 ? -d2 : d2);
                var y = (d2 < 0) != negate2 ? FieldElement.Negate(p.Y) : p.Y;
                acc = JacobianPoint.Add(acc, new JacobianPoint(FieldElement.Mul(beta, p.X), y, p.Z, false));
            }
        }

        return acc;
    }

    // Bit w: whether window w (of the low 128 bits) passes a carry up when its digit is taken in -8..7.
    private static uint SignedCarries(in Scalar k)
    {
        uint mask = 0;
        int carry = 0;
        for (int w = 0; w < 32; w++)
        {
            int v = k.Nibble(w) + carry;
            carry = v >= 8 ? 1 : 0;
            mask |= (uint)carry << w;
        }

        return mask;
    }

    // The signed digit of window w (0-32): nibble plus carry in, minus 16 when it carries out; sum of d 16^w is k.
    private static int SignedDigit(in Scalar k, uint carries, int w)
    {
        int nibble = w < 32 ? k.Nibble(w) : 0;
        int carryIn = w > 0 ? (int)((carries >> (w - 1)) & 1) : 0;
        int carryOut = w < 32 ? (int)((carries >> w) & 1) : 0;
        return nibble + carryIn - (16 * carryOut);
    }
}
