using System.Runtime.CompilerServices;

namespace GpuValidate.Kernels.Secp256k1;

public readonly partial struct Scalar
{
    /// <summary>round(a * b / 2^384): the top of a 512-bit product, for the GLV split. Result below 2^128 for b below 2^256.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static Scalar MulShift384(in Scalar a, in Scalar b) => Wide512.Mul<Scalar, RoundedShift384>(a, b);

    // The product's limbs 12-15 plus bit 383 (limb 11's top bit), for round-half-up.
    private readonly struct RoundedShift384 : IWideReduction<Scalar>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Scalar Reduce(in Wide512 r)
        {
            ulong t, c;
            t = (ulong)r.W12 + (r.W11 >> 31); uint x0 = (uint)t; c = t >> 32;
            t = r.W13 + c; uint x1 = (uint)t; c = t >> 32;
            t = r.W14 + c; uint x2 = (uint)t; c = t >> 32;
            t = r.W15 + c; uint x3 = (uint)t;
            return new Scalar(x0, x1, x2, x3, 0, 0, 0, 0);
        }
    }
}
