using System.Runtime.CompilerServices;

namespace GpuValidate.Kernels.Secp256k1;

public readonly partial struct FieldElement
{
    /// <summary>a * b mod p. Inputs reduced; output reduced.</summary>
    public static FieldElement Mul(in FieldElement a, in FieldElement b) =>
        Wide512.Mul<FieldElement, FieldElement>(a, b);

    /// <summary>a * a mod p. Input reduced; output reduced.</summary>
    public static FieldElement Sqr(in FieldElement a) =>
        Wide512.Sqr<FieldElement, FieldElement>(a);

    // A 512-bit value mod p: the high half times 2^256 = 2^32 + 977 is added to the low half (limb i of the high half
    // lands at limb i times 977 and at limb i + 1 once), leaving a carry below 2^34 for Fold.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    FieldElement IWideReduction<FieldElement>.Reduce(in Wide512 r)
    {
        ulong t, c;
        t = ((ulong)r.W8 * 977UL) + r.W0; uint x0 = (uint)t; c = t >> 32;
        t = ((ulong)r.W9 * 977UL) + r.W1 + r.W8 + c; uint x1 = (uint)t; c = t >> 32;
        t = ((ulong)r.W10 * 977UL) + r.W2 + r.W9 + c; uint x2 = (uint)t; c = t >> 32;
        t = ((ulong)r.W11 * 977UL) + r.W3 + r.W10 + c; uint x3 = (uint)t; c = t >> 32;
        t = ((ulong)r.W12 * 977UL) + r.W4 + r.W11 + c; uint x4 = (uint)t; c = t >> 32;
        t = ((ulong)r.W13 * 977UL) + r.W5 + r.W12 + c; uint x5 = (uint)t; c = t >> 32;
        t = ((ulong)r.W14 * 977UL) + r.W6 + r.W13 + c; uint x6 = (uint)t; c = t >> 32;
        t = ((ulong)r.W15 * 977UL) + r.W7 + r.W14 + c; uint x7 = (uint)t; c = t >> 32;
        c += r.W15;
        return Fold(x0, x1, x2, x3, x4, x5, x6, x7, c);
    }
}
