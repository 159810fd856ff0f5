using System.Runtime.CompilerServices;

namespace GpuValidate.Kernels.Secp256k1;

/// <summary>Scalar multiplication: the double-base u1 G + u2 Q that every verification and recovery reduces to. Kernel-safe.</summary>
public static class EcMult
{
    /// <summary>
    /// u1 G + u2 Q, variable time (verification touches public data only). The Q part runs 4-bit fixed windows
    /// over a per-thread table of 1Q..15Q (256 doublings, at most 64 additions); the G part adds one precomputed
    /// point per non-zero byte of u1 (at most 32 mixed additions, no doublings).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static JacobianPoint DoubleBase<TTable>(in TTable g, in Scalar u1, in AffinePoint q, in Scalar u2)
        where TTable : struct, IGeneratorTable
    {
        var acc = JacobianPoint.Infinity;
        if (!u2.IsZero)
        {
            var table = MultipleTable.Build(q);
            for (int w = 63; w >= 0; w--)
            {
                acc = JacobianPoint.Double(acc);
                acc = JacobianPoint.Double(acc);
                acc = JacobianPoint.Double(acc);
                acc = JacobianPoint.Double(acc);
                int d = u2.Nibble(w);
                if (d != 0)
                {
                    acc = JacobianPoint.Add(acc, table.Get(d));
                }
            }
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
}
