using System.Runtime.CompilerServices;
using GpuValidate.Kernels.Hashing;

namespace GpuValidate.Kernels.Secp256k1;

/// <summary>
/// An integer mod n, secp256k1's group order, as eight 32-bit limbs (<see cref="L0"/> least significant). Every
/// operation takes and returns values below n. Plain fields, no arrays: kernel-safe.
/// </summary>
/// <remarks>
/// Reduction uses 2^256 = 2^256 - n (mod n), a 129-bit constant: a 512-bit product is folded three times
/// (512 to 385 to 289 to 257 bits), then n is subtracted at most once.
/// </remarks>
public readonly partial struct Scalar : ILimbs256, IWideReduction<Scalar>
{
    private const uint N0 = 0xD0364141u, N1 = 0xBFD25E8Cu, N2 = 0xAF48A03Bu, N3 = 0xBAAEDCE6u, N4 = 0xFFFFFFFEu;
    private const uint C0 = 0x2FC9BEBFu, C1 = 0x402DA173u, C2 = 0x50B75FC4u, C3 = 0x45512319u;

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

    /// <summary>A scalar from limbs, least significant first. The caller guarantees the value is below n.</summary>
    public Scalar(uint l0, uint l1, uint l2, uint l3, uint l4, uint l5, uint l6, uint l7)
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
    public static Scalar Zero => default;

    /// <summary>One.</summary>
    public static Scalar One => new(1, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>True when the scalar is zero.</summary>
    public bool IsZero => Limbs256.IsZero(this);

    /// <summary>True when the scalar is above n/2 (a high S in ECDSA).</summary>
    public bool IsHigh
    {
        get
        {
            // n/2 rounded down: 7FFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF 5D576E73 57A4501D DFE92F46 681B20A0.
            if (L7 != 0x7FFFFFFFu)
            {
                return L7 > 0x7FFFFFFFu;
            }

            if ((L6 & L5 & L4) != 0xFFFFFFFFu)
            {
                return false;
            }

            if (L3 != 0x5D576E73u)
            {
                return L3 > 0x5D576E73u;
            }

            if (L2 != 0x57A4501Du)
            {
                return L2 > 0x57A4501Du;
            }

            if (L1 != 0xDFE92F46u)
            {
                return L1 > 0xDFE92F46u;
            }

            return L0 > 0x681B20A0u;
        }
    }

    /// <summary>True when the big-endian value is below n.</summary>
    public static bool IsBelowOrder(in Digest256 value) =>
        Subtract(value.W7, value.W6, value.W5, value.W4, value.W3, value.W2, value.W1, value.W0, out _);

    /// <summary>True when the big-endian value is in [1, n-1]: a usable ECDSA r or s.</summary>
    public static bool IsValidNonZero(in Digest256 value) =>
        (value.W0 | value.W1 | value.W2 | value.W3 | value.W4 | value.W5 | value.W6 | value.W7) != 0 && IsBelowOrder(value);

    /// <summary>The big-endian value reduced mod n (values up to 2^256 - 1 accepted, as libsecp256k1 does for digests).</summary>
    public static Scalar FromDigest(in Digest256 value) =>
        Finish(value.W7, value.W6, value.W5, value.W4, value.W3, value.W2, value.W1, value.W0, 0);

    /// <summary>The scalar as a big-endian 256-bit value.</summary>
    public Digest256 ToDigest() => Limbs256.ToDigest(this);

    /// <summary>Limb equality.</summary>
    public static bool AreEqual(in Scalar a, in Scalar b) => Limbs256.AreEqual(a, b);

    /// <summary>Limb <paramref name="index"/> (0-7), least significant first.</summary>
    public uint Limb(int index) => index switch
    {
        0 => L0,
        1 => L1,
        2 => L2,
        3 => L3,
        4 => L4,
        5 => L5,
        6 => L6,
        _ => L7,
    };

    /// <summary>Bits <c>4 i .. 4 i + 3</c> (i in 0-63) as a number 0-15.</summary>
    public int Nibble(int index) => (int)((Limb(index >> 3) >> ((index & 7) * 4)) & 0xFu);

    /// <summary>Bits <c>8 i .. 8 i + 7</c> (i in 0-31) as a number 0-255.</summary>
    public int Byte(int index) => (int)((Limb(index >> 2) >> ((index & 3) * 8)) & 0xFFu);

    /// <summary>a + b mod n. Inputs reduced; output reduced.</summary>
    public static Scalar Add(in Scalar a, in Scalar b)
    {
        ulong carry = Limbs256.Add(a, b, out uint x0, out uint x1, out uint x2, out uint x3, out uint x4, out uint x5, out uint x6, out uint x7);
        return Finish(x0, x1, x2, x3, x4, x5, x6, x7, (uint)carry);
    }

    /// <summary>-a mod n. Input reduced; output reduced (zero stays zero).</summary>
    public static Scalar Negate(in Scalar a)
    {
        if (a.IsZero)
        {
            return a;
        }

        long t = (long)N0 - a.L0;
        uint x0 = (uint)t;
        t = (t >> 32) + N1 - a.L1;
        uint x1 = (uint)t;
        t = (t >> 32) + N2 - a.L2;
        uint x2 = (uint)t;
        t = (t >> 32) + N3 - a.L3;
        uint x3 = (uint)t;
        t = (t >> 32) + N4 - a.L4;
        uint x4 = (uint)t;
        t = (t >> 32) + 0xFFFFFFFFu - a.L5;
        uint x5 = (uint)t;
        t = (t >> 32) + 0xFFFFFFFFu - a.L6;
        uint x6 = (uint)t;
        t = (t >> 32) + 0xFFFFFFFFu - a.L7;
        uint x7 = (uint)t;
        return new Scalar(x0, x1, x2, x3, x4, x5, x6, x7);
    }

    /// <summary>
    /// a^-1 mod n by Fermat (a^(n-2)) with 4-bit fixed windows over the constant exponent: 256 squarings and
    /// about 75 multiplications. Zero maps to zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Scalar Inv(in Scalar a)
    {
        var powers = ScalarPowers.Build(a);
        var r = One;
        for (int limb = 7; limb >= 0; limb--)
        {
            // n - 2, limbs least significant first; the branch depends only on the constant, never on a.
            uint e = limb switch
            {
                0 => N0 - 2,
                1 => N1,
                2 => N2,
                3 => N3,
                4 => N4,
                _ => 0xFFFFFFFFu,
            };
            for (int shift = 28; shift >= 0; shift -= 4)
            {
                r = Sqr(Sqr(Sqr(Sqr(r))));
                int nibble = (int)((e >> shift) & 0xF);
                if (nibble != 0)
                {
                    r = Mul(r, powers.Get(nibble));
                }
            }
        }

        return r;
    }

    // x + c * 2^256 reduced mod n, for c in {0, 1} and x such that the sum is below 2n: fold c in as
    // c * (2^256 - n), then subtract n once if the result is still at least n.
    private static Scalar Finish(uint x0, uint x1, uint x2, uint x3, uint x4, uint x5, uint x6, uint x7, uint c)
    {
        ulong t = x0 + ((ulong)c * C0);
        x0 = (uint)t;
        t = (t >> 32) + x1 + ((ulong)c * C1);
        x1 = (uint)t;
        t = (t >> 32) + x2 + ((ulong)c * C2);
        x2 = (uint)t;
        t = (t >> 32) + x3 + ((ulong)c * C3);
        x3 = (uint)t;
        t = (t >> 32) + x4 + c;
        x4 = (uint)t;
        t = (t >> 32) + x5;
        x5 = (uint)t;
        t = (t >> 32) + x6;
        x6 = (uint)t;
        t = (t >> 32) + x7;
        x7 = (uint)t;
        return Subtract(x0, x1, x2, x3, x4, x5, x6, x7, out var d) ? new Scalar(x0, x1, x2, x3, x4, x5, x6, x7) : d;
    }

    // x - n; true when that borrows (x below n), with the difference in d otherwise.
    private static bool Subtract(uint x0, uint x1, uint x2, uint x3, uint x4, uint x5, uint x6, uint x7, out Scalar d)
    {
        long t = (long)x0 - N0;
        uint d0 = (uint)t;
        t = (t >> 32) + x1 - N1;
        uint d1 = (uint)t;
        t = (t >> 32) + x2 - N2;
        uint d2 = (uint)t;
        t = (t >> 32) + x3 - N3;
        uint d3 = (uint)t;
        t = (t >> 32) + x4 - N4;
        uint d4 = (uint)t;
        t = (t >> 32) + x5 - 0xFFFFFFFFu;
        uint d5 = (uint)t;
        t = (t >> 32) + x6 - 0xFFFFFFFFu;
        uint d6 = (uint)t;
        t = (t >> 32) + x7 - 0xFFFFFFFFu;
        uint d7 = (uint)t;
        d = new Scalar(d0, d1, d2, d3, d4, d5, d6, d7);
        return (t >> 32) != 0;
    }
}
