using System.Runtime.CompilerServices;
using GpuValidate.Kernels.Hashing;

namespace GpuValidate.Kernels.Secp256k1;

/// <summary>
/// An element of secp256k1's base field, integers mod p = 2^256 - 2^32 - 977, as eight 32-bit limbs
/// (<see cref="L0"/> least significant). Every operation takes and returns fully reduced values (below p), so
/// equality is limb equality and no separate normalisation step exists. Plain fields, no arrays: kernel-safe.
/// </summary>
/// <remarks>
/// Reduction uses 2^256 = 2^32 + 977 (mod p): the high half of a product is folded in multiplied by
/// 0x1000003D1, twice, then one conditional subtraction of p.
/// </remarks>
public readonly partial struct FieldElement : ILimbs256, IWideReduction<FieldElement>
{
    /// <summary>Limbs, least significant first.</summary>
    public readonly uint L0, L1, L2, L3, L4, L5, L6, L7;

    uint ILimbs256.L0 => L0;

    uint ILimbs256.L1 => L1;

    uint ILimbs256.L2 => L2;

    uint ILimbs256.L3 => L3;

    uint ILimbs256.L4 => L4;

    uint ILimbs256.L5 => L5;

    uint ILimbs256.L6 => L6;

    uint ILimbs256.L7 => L7;

    /// <summary>An element from limbs, least significant first. The caller guarantees the value is below p.</summary>
    public FieldElement(uint l0, uint l1, uint l2, uint l3, uint l4, uint l5, uint l6, uint l7)
    {
        L0 = l0;
        L1 = l1;
        L2 = l2;
        L3 = l3;
        L4 = l4;
        L5 = l5;
        L6 = l6;
        L7 = l7;
    }

    /// <summary>Zero.</summary>
    public static FieldElement Zero => default;

    /// <summary>One.</summary>
    public static FieldElement One => new(1, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>True when the element is zero.</summary>
    public bool IsZero => Limbs256.IsZero(this);

    /// <summary>True when the element (reduced) is odd.</summary>
    public bool IsOdd => (L0 & 1) != 0;

    /// <summary>True when the 256-bit big-endian value <paramref name="value"/> is below p: a canonical encoding.</summary>
    public static bool IsBelowPrime(in Digest256 value) =>
        !((value.W0 & value.W1 & value.W2 & value.W3 & value.W4 & value.W5) == 0xFFFFFFFFu &&
          (value.W6 > 0xFFFFFFFEu || (value.W6 == 0xFFFFFFFEu && value.W7 >= 0xFFFFFC2Fu)));

    /// <summary>The element with the big-endian value <paramref name="value"/>, reduced mod p (values below p are kept).</summary>
    public static FieldElement FromDigest(in Digest256 value) =>
        Fold(value.W7, value.W6, value.W5, value.W4, value.W3, value.W2, value.W1, value.W0, 0);

    /// <summary>The element as a big-endian 256-bit value.</summary>
    public Digest256 ToDigest() => Limbs256.ToDigest(this);

    /// <summary>Limb equality, which is value equality since elements are reduced.</summary>
    public static bool AreEqual(in FieldElement a, in FieldElement b) => Limbs256.AreEqual(a, b);

    /// <summary>a + b mod p. Inputs reduced; output reduced.</summary>
    public static FieldElement Add(in FieldElement a, in FieldElement b)
    {
        ulong carry = Limbs256.Add(a, b, out uint x0, out uint x1, out uint x2, out uint x3, out uint x4, out uint x5, out uint x6, out uint x7);

        // The sum minus p is the sum plus 2^32 + 977 mod 2^256; take it when the sum carried out or that
        // addition does (the sum is then at least p). Selected by mask, without a branch.
        uint y0 = x0, y1 = x1, y2 = x2, y3 = x3, y4 = x4, y5 = x5, y6 = x6, y7 = x7;
        ulong carryY = AddTimesR(ref y0, ref y1, ref y2, ref y3, ref y4, ref y5, ref y6, ref y7, 1);
        uint mask = 0u - (uint)(carry | carryY);
        return new FieldElement(
            (y0 & mask) | (x0 & ~mask),
            (y1 & mask) | (x1 & ~mask),
            (y2 & mask) | (x2 & ~mask),
            (y3 & mask) | (x3 & ~mask),
            (y4 & mask) | (x4 & ~mask),
            (y5 & mask) | (x5 & ~mask),
            (y6 & mask) | (x6 & ~mask),
            (y7 & mask) | (x7 & ~mask));
    }

    /// <summary>a - b mod p. Inputs reduced; output reduced.</summary>
    public static FieldElement Sub(in FieldElement a, in FieldElement b)
    {
        long t = (long)a.L0 - b.L0;
        uint x0 = (uint)t;
        t = (t >> 32) + a.L1 - b.L1;
        uint x1 = (uint)t;
        t = (t >> 32) + a.L2 - b.L2;
        uint x2 = (uint)t;
        t = (t >> 32) + a.L3 - b.L3;
        uint x3 = (uint)t;
        t = (t >> 32) + a.L4 - b.L4;
        uint x4 = (uint)t;
        t = (t >> 32) + a.L5 - b.L5;
        uint x5 = (uint)t;
        t = (t >> 32) + a.L6 - b.L6;
        uint x6 = (uint)t;
        t = (t >> 32) + a.L7 - b.L7;
        uint x7 = (uint)t;

        // On a borrow the limbs hold a - b + 2^256; adding p is subtracting 2^32 + 977 from them, which cannot
        // borrow again because a - b + 2^256 > 2^256 - p.
        ulong m = (ulong)(-(t >> 32));
        long u = (long)x0 - (long)(m * 977UL);
        x0 = (uint)u;
        u = (u >> 32) + x1 - (long)m;
        x1 = (uint)u;
        u = (u >> 32) + x2;
        x2 = (uint)u;
        u = (u >> 32) + x3;
        x3 = (uint)u;
        u = (u >> 32) + x4;
        x4 = (uint)u;
        u = (u >> 32) + x5;
        x5 = (uint)u;
        u = (u >> 32) + x6;
        x6 = (uint)u;
        u = (u >> 32) + x7;
        x7 = (uint)u;
        return new FieldElement(x0, x1, x2, x3, x4, x5, x6, x7);
    }

    /// <summary>-a mod p. Input reduced; output reduced.</summary>
    public static FieldElement Negate(in FieldElement a) => Sub(Zero, a);

    /// <summary>2a mod p.</summary>
    public static FieldElement Double(in FieldElement a) => Add(a, a);

    /// <summary>a^(2^count) mod p: <paramref name="count"/> squarings.</summary>
    public static FieldElement SqrTimes(in FieldElement a, int count)
    {
        var r = a;
        for (int i = 0; i < count; i++)
        {
            r = Sqr(r);
        }

        return r;
    }

    /// <summary>
    /// a^-1 mod p by Fermat (a^(p-2)) over libsecp256k1's addition chain: 255 squarings, 15 multiplications.
    /// Zero maps to zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static FieldElement Inv(in FieldElement a)
    {
        Ladder(a, out var x2, out var x22, out var x223);
        var t = Mul(SqrTimes(x223, 23), x22);
        t = Mul(SqrTimes(t, 5), a);
        t = Mul(SqrTimes(t, 3), x2);
        return Mul(SqrTimes(t, 2), a);
    }

    /// <summary>
    /// A square root of a when one exists: a^((p+1)/4), valid because p = 3 mod 4. Returns false (and a value
    /// that is not a root) when a is not a square.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool Sqrt(in FieldElement a, out FieldElement root)
    {
        Ladder(a, out var x2, out var x22, out var x223);
        var t = Mul(SqrTimes(x223, 23), x22);
        t = Mul(SqrTimes(t, 6), x2);
        root = SqrTimes(t, 2);
        return AreEqual(Sqr(root), a);
    }

    // The shared head of the inverse and square-root chains: a^(2^k - 1) for k = 2, 22 and 223.
    private static void Ladder(in FieldElement a, out FieldElement x2, out FieldElement x22, out FieldElement x223)
    {
        x2 = Mul(Sqr(a), a);
        var x3 = Mul(Sqr(x2), a);
        var x6 = Mul(SqrTimes(x3, 3), x3);
        var x9 = Mul(SqrTimes(x6, 3), x3);
        var x11 = Mul(SqrTimes(x9, 2), x2);
        x22 = Mul(SqrTimes(x11, 11), x11);
        var x44 = Mul(SqrTimes(x22, 22), x22);
        var x88 = Mul(SqrTimes(x44, 44), x44);
        var x176 = Mul(SqrTimes(x88, 88), x88);
        var x220 = Mul(SqrTimes(x176, 44), x44);
        x223 = Mul(SqrTimes(x220, 3), x3);
    }

    // x + c * 2^256 reduced mod p, for limbs x and c < 2^34: fold c in as c * (2^32 + 977), fold the carry of
    // that (at most 1) the same way, then subtract p once if the result is still at least p.
    private static FieldElement Fold(uint x0, uint x1, uint x2, uint x3, uint x4, uint x5, uint x6, uint x7, ulong c)
    {
        ulong m = AddTimesR(ref x0, ref x1, ref x2, ref x3, ref x4, ref x5, ref x6, ref x7, c);

        // The wrapped value is small, so this second fold cannot carry out.
        AddTimesR(ref x0, ref x1, ref x2, ref x3, ref x4, ref x5, ref x6, ref x7, m);

        // x >= p exactly when the top six limbs are all ones and the low two reach p's; subtracting p is then
        // adding 2^32 + 977 and dropping the carry.
        bool ge = (x2 & x3 & x4 & x5 & x6 & x7) == 0xFFFFFFFFu &&
            (x1 > 0xFFFFFFFEu || (x1 == 0xFFFFFFFEu && x0 >= 0xFFFFFC2Fu));
        AddTimesR(ref x0, ref x1, ref x2, ref x3, ref x4, ref x5, ref x6, ref x7, ge ? 1UL : 0UL);
        return new FieldElement(x0, x1, x2, x3, x4, x5, x6, x7);
    }

    // x += k * (2^32 + 977), the value of 2^256 mod p, over eight limbs in place, for k < 2^34; returns the carry out
    // of the top limb.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AddTimesR(ref uint x0, ref uint x1, ref uint x2, ref uint x3, ref uint x4, ref uint x5, ref uint x6, ref uint x7, ulong k)
    {
        ulong t = x0 + (k * 977UL);
        x0 = (uint)t;
        t = (t >> 32) + x1 + k;
        x1 = (uint)t;
        t = (t >> 32) + x2;
        x2 = (uint)t;
        t = (t >> 32) + x3;
        x3 = (uint)t;
        t = (t >> 32) + x4;
        x4 = (uint)t;
        t = (t >> 32) + x5;
        x5 = (uint)t;
        t = (t >> 32) + x6;
        x6 = (uint)t;
        t = (t >> 32) + x7;
        x7 = (uint)t;
        return t >> 32;
    }
}
