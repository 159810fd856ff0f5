using System.Runtime.CompilerServices;

namespace GpuValidate.Kernels.Secp256k1;

public readonly partial struct Scalar
{
    /// <summary>round(a * b / 2^384): the top of a 512-bit product, for the GLV split. Result below 2^128 for b below 2^256.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static Scalar MulShift384(in Scalar a, in Scalar b)
    {
        var r = Wide512.Mul(a.L0, a.L1, a.L2, a.L3, a.L4, a.L5, a.L6, a.L7, b.L0, b.L1, b.L2, b.L3, b.L4, b.L5, b.L6, b.L7);
        ulong t, c;
        t = (ulong)r.W12 + (r.W11 >> 31); uint x0 = (uint)t; c = t >> 32;
        t = r.W13 + c; uint x1 = (uint)t; c = t >> 32;
        t = r.W14 + c; uint x2 = (uint)t; c = t >> 32;
        t = r.W15 + c; uint x3 = (uint)t;
        return new Scalar(x0, x1, x2, x3, 0, 0, 0, 0);
    }
}
