using System.Runtime.CompilerServices;
using GpuValidate.Kernels.Hashing;

namespace GpuValidate.Kernels.Secp256k1;

/// <summary>
/// What field elements and scalars do alike on their eight limbs, whatever the modulus: zero and equality tests, the
/// big-endian digest, and the carrying sum. Generic over <see cref="ILimbs256"/> structs, so each use compiles to
/// straight-line code on the type's own fields; kernel-safe.
/// </summary>
internal static class Limbs256
{
    /// <summary>True when every limb of <paramref name="v"/> is zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsZero<T>(in T v)
        where T : struct, ILimbs256 =>
        (v.L0 | v.L1 | v.L2 | v.L3 | v.L4 | v.L5 | v.L6 | v.L7) == 0;

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> have the same limbs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AreEqual<T>(in T a, in T b)
        where T : struct, ILimbs256 =>
        ((a.L0 ^ b.L0) | (a.L1 ^ b.L1) | (a.L2 ^ b.L2) | (a.L3 ^ b.L3) |
         (a.L4 ^ b.L4) | (a.L5 ^ b.L5) | (a.L6 ^ b.L6) | (a.L7 ^ b.L7)) == 0;

    /// <summary>The limbs of <paramref name="v"/> as a big-endian 256-bit value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Digest256 ToDigest<T>(in T v)
        where T : struct, ILimbs256
    {
        Digest256 d;
        d.W0 = v.L7;
        d.W1 = v.L6;
        d.W2 = v.L5;
        d.W3 = v.L4;
        d.W4 = v.L3;
        d.W5 = v.L2;
        d.W6 = v.L1;
        d.W7 = v.L0;
        return d;
    }

    /// <summary>a + b as limbs <paramref name="x0"/> .. <paramref name="x7"/>; returns the carry out of the top limb (0 or 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Add<T>(in T a, in T b, out uint x0, out uint x1, out uint x2, out uint x3, out uint x4, out uint x5, out uint x6, out uint x7)
        where T : struct, ILimbs256
    {
        ulong t = (ulong)a.L0 + b.L0;
        x0 = (uint)t;
        t = (t >> 32) + a.L1 + b.L1;
        x1 = (uint)t;
        t = (t >> 32) + a.L2 + b.L2;
        x2 = (uint)t;
        t = (t >> 32) + a.L3 + b.L3;
        x3 = (uint)t;
        t = (t >> 32) + a.L4 + b.L4;
        x4 = (uint)t;
        t = (t >> 32) + a.L5 + b.L5;
        x5 = (uint)t;
        t = (t >> 32) + a.L6 + b.L6;
        x6 = (uint)t;
        t = (t >> 32) + a.L7 + b.L7;
        x7 = (uint)t;
        return t >> 32;
    }
}
