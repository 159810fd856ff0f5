namespace GpuValidate.Kernels.Secp256k1;

/// <summary>
/// A 512-bit product of two 256-bit values as sixteen 32-bit limbs (<see cref="W0"/> least significant), and the one
/// schoolbook multiply and square that field and scalar arithmetic reduce from. Straight-line code, because kernels
/// cannot index per-thread arrays; plain fields and generics over structs, kernel-safe.
/// </summary>
/// <remarks>
/// The product and its reduction form one method per reduction (generic over <see cref="IWideReduction{T}"/>), so
/// each compiles as one straight-line body, as a hand-written field or scalar multiply would: the .NET JIT keeps it
/// out of line (inlining it into the point formulas made them slower), and ILGPU inlines it as it inlines every call
/// not marked otherwise. Operand limbs are read once into locals. Mutable fields, like <see cref="Block16"/>, so the
/// product accumulates in place without a sixteen-argument constructor.
/// </remarks>
internal struct Wide512
{
    /// <summary>Limbs, least significant first.</summary>
    public uint W0;
    public uint W1;
    public uint W2;
    public uint W3;
    public uint W4;
    public uint W5;
    public uint W6;
    public uint W7;
    public uint W8;
    public uint W9;
    public uint W10;
    public uint W11;
    public uint W12;
    public uint W13;
    public uint W14;
    public uint W15;

    /// <summary>
    /// a * b, row by row with 32-bit carries, then reduced by <typeparamref name="TReduction"/>. The inputs' limbs
    /// are read as they are; what range they must lie in is the reduction's precondition.
    /// </summary>
    /// <typeparam name="T">The operand and result type.</typeparam>
    /// <typeparam name="TReduction">How the 512-bit product becomes a <typeparamref name="T"/>.</typeparam>
    public static T Mul<T, TReduction>(in T a, in T b)
        where T : struct, ILimbs256
        where TReduction : struct, IWideReduction<T>
    {
        ulong t, c;
        uint a0 = a.L0, a1 = a.L1, a2 = a.L2, a3 = a.L3, a4 = a.L4, a5 = a.L5, a6 = a.L6, a7 = a.L7;
        uint b0 = b.L0, b1 = b.L1, b2 = b.L2, b3 = b.L3, b4 = b.L4, b5 = b.L5, b6 = b.L6, b7 = b.L7;
        var w = default(Wide512);
        c = 0;
        t = ((ulong)a0 * b0) + w.W0 + c; w.W0 = (uint)t; c = t >> 32;
        t = ((ulong)a0 * b1) + w.W1 + c; w.W1 = (uint)t; c = t >> 32;
        t = ((ulong)a0 * b2) + w.W2 + c; w.W2 = (uint)t; c = t >> 32;
        t = ((ulong)a0 * b3) + w.W3 + c; w.W3 = (uint)t; c = t >> 32;
        t = ((ulong)a0 * b4) + w.W4 + c; w.W4 = (uint)t; c = t >> 32;
        t = ((ulong)a0 * b5) + w.W5 + c; w.W5 = (uint)t; c = t >> 32;
        t = ((ulong)a0 * b6) + w.W6 + c; w.W6 = (uint)t; c = t >> 32;
        t = ((ulong)a0 * b7) + w.W7 + c; w.W7 = (uint)t; c = t >> 32;
        w.W8 = (uint)c;
        c = 0;
        t = ((ulong)a1 * b0) + w.W1 + c; w.W1 = (uint)t; c = t >> 32;
        t = ((ulong)a1 * b1) + w.W2 + c; w.W2 = (uint)t; c = t >> 32;
        t = ((ulong)a1 * b2) + w.W3 + c; w.W3 = (uint)t; c = t >> 32;
        t = ((ulong)a1 * b3) + w.W4 + c; w.W4 = (uint)t; c = t >> 32;
        t = ((ulong)a1 * b4) + w.W5 + c; w.W5 = (uint)t; c = t >> 32;
        t = ((ulong)a1 * b5) + w.W6 + c; w.W6 = (uint)t; c = t >> 32;
        t = ((ulong)a1 * b6) + w.W7 + c; w.W7 = (uint)t; c = t >> 32;
        t = ((ulong)a1 * b7) + w.W8 + c; w.W8 = (uint)t; c = t >> 32;
        w.W9 = (uint)c;
        c = 0;
        t = ((ulong)a2 * b0) + w.W2 + c; w.W2 = (uint)t; c = t >> 32;
        t = ((ulong)a2 * b1) + w.W3 + c; w.W3 = (uint)t; c = t >> 32;
        t = ((ulong)a2 * b2) + w.W4 + c; w.W4 = (uint)t; c = t >> 32;
        t = ((ulong)a2 * b3) + w.W5 + c; w.W5 = (uint)t; c = t >> 32;
        t = ((ulong)a2 * b4) + w.W6 + c; w.W6 = (uint)t; c = t >> 32;
        t = ((ulong)a2 * b5) + w.W7 + c; w.W7 = (uint)t; c = t >> 32;
        t = ((ulong)a2 * b6) + w.W8 + c; w.W8 = (uint)t; c = t >> 32;
        t = ((ulong)a2 * b7) + w.W9 + c; w.W9 = (uint)t; c = t >> 32;
        w.W10 = (uint)c;
        c = 0;
        t = ((ulong)a3 * b0) + w.W3 + c; w.W3 = (uint)t; c = t >> 32;
        t = ((ulong)a3 * b1) + w.W4 + c; w.W4 = (uint)t; c = t >> 32;
        t = ((ulong)a3 * b2) + w.W5 + c; w.W5 = (uint)t; c = t >> 32;
        t = ((ulong)a3 * b3) + w.W6 + c; w.W6 = (uint)t; c = t >> 32;
        t = ((ulong)a3 * b4) + w.W7 + c; w.W7 = (uint)t; c = t >> 32;
        t = ((ulong)a3 * b5) + w.W8 + c; w.W8 = (uint)t; c = t >> 32;
        t = ((ulong)a3 * b6) + w.W9 + c; w.W9 = (uint)t; c = t >> 32;
        t = ((ulong)a3 * b7) + w.W10 + c; w.W10 = (uint)t; c = t >> 32;
        w.W11 = (uint)c;
        c = 0;
        t = ((ulong)a4 * b0) + w.W4 + c; w.W4 = (uint)t; c = t >> 32;
        t = ((ulong)a4 * b1) + w.W5 + c; w.W5 = (uint)t; c = t >> 32;
        t = ((ulong)a4 * b2) + w.W6 + c; w.W6 = (uint)t; c = t >> 32;
        t = ((ulong)a4 * b3) + w.W7 + c; w.W7 = (uint)t; c = t >> 32;
        t = ((ulong)a4 * b4) + w.W8 + c; w.W8 = (uint)t; c = t >> 32;
        t = ((ulong)a4 * b5) + w.W9 + c; w.W9 = (uint)t; c = t >> 32;
        t = ((ulong)a4 * b6) + w.W10 + c; w.W10 = (uint)t; c = t >> 32;
        t = ((ulong)a4 * b7) + w.W11 + c; w.W11 = (uint)t; c = t >> 32;
        w.W12 = (uint)c;
        c = 0;
        t = ((ulong)a5 * b0) + w.W5 + c; w.W5 = (uint)t; c = t >> 32;
        t = ((ulong)a5 * b1) + w.W6 + c; w.W6 = (uint)t; c = t >> 32;
        t = ((ulong)a5 * b2) + w.W7 + c; w.W7 = (uint)t; c = t >> 32;
        t = ((ulong)a5 * b3) + w.W8 + c; w.W8 = (uint)t; c = t >> 32;
        t = ((ulong)a5 * b4) + w.W9 + c; w.W9 = (uint)t; c = t >> 32;
        t = ((ulong)a5 * b5) + w.W10 + c; w.W10 = (uint)t; c = t >> 32;
        t = ((ulong)a5 * b6) + w.W11 + c; w.W11 = (uint)t; c = t >> 32;
        t = ((ulong)a5 * b7) + w.W12 + c; w.W12 = (uint)t; c = t >> 32;
        w.W13 = (uint)c;
        c = 0;
        t = ((ulong)a6 * b0) + w.W6 + c; w.W6 = (uint)t; c = t >> 32;
        t = ((ulong)a6 * b1) + w.W7 + c; w.W7 = (uint)t; c = t >> 32;
        t = ((ulong)a6 * b2) + w.W8 + c; w.W8 = (uint)t; c = t >> 32;
        t = ((ulong)a6 * b3) + w.W9 + c; w.W9 = (uint)t; c = t >> 32;
        t = ((ulong)a6 * b4) + w.W10 + c; w.W10 = (uint)t; c = t >> 32;
        t = ((ulong)a6 * b5) + w.W11 + c; w.W11 = (uint)t; c = t >> 32;
        t = ((ulong)a6 * b6) + w.W12 + c; w.W12 = (uint)t; c = t >> 32;
        t = ((ulong)a6 * b7) + w.W13 + c; w.W13 = (uint)t; c = t >> 32;
        w.W14 = (uint)c;
        c = 0;
        t = ((ulong)a7 * b0) + w.W7 + c; w.W7 = (uint)t; c = t >> 32;
        t = ((ulong)a7 * b1) + w.W8 + c; w.W8 = (uint)t; c = t >> 32;
        t = ((ulong)a7 * b2) + w.W9 + c; w.W9 = (uint)t; c = t >> 32;
        t = ((ulong)a7 * b3) + w.W10 + c; w.W10 = (uint)t; c = t >> 32;
        t = ((ulong)a7 * b4) + w.W11 + c; w.W11 = (uint)t; c = t >> 32;
        t = ((ulong)a7 * b5) + w.W12 + c; w.W12 = (uint)t; c = t >> 32;
        t = ((ulong)a7 * b6) + w.W13 + c; w.W13 = (uint)t; c = t >> 32;
        t = ((ulong)a7 * b7) + w.W14 + c; w.W14 = (uint)t; c = t >> 32;
        w.W15 = (uint)c;
        return default(TReduction).Reduce(w);
    }

    /// <summary>
    /// a * a: the cross products once, doubled by a one-bit shift, then the squares added; then reduced by
    /// <typeparamref name="TReduction"/>.
    /// </summary>
    /// <typeparam name="T">The operand and result type.</typeparam>
    /// <typeparam name="TReduction">How the 512-bit product becomes a <typeparamref name="T"/>.</typeparam>
    public static T Sqr<T, TReduction>(in T a)
        where T : struct, ILimbs256
        where TReduction : struct, IWideReduction<T>
    {
        ulong t, c;
        uint a0 = a.L0, a1 = a.L1, a2 = a.L2, a3 = a.L3, a4 = a.L4, a5 = a.L5, a6 = a.L6, a7 = a.L7;
        var w = default(Wide512);
        c = 0;
        t = ((ulong)a0 * a1) + w.W1 + c; w.W1 = (uint)t; c = t >> 32;
        t = ((ulong)a0 * a2) + w.W2 + c; w.W2 = (uint)t; c = t >> 32;
        t = ((ulong)a0 * a3) + w.W3 + c; w.W3 = (uint)t; c = t >> 32;
        t = ((ulong)a0 * a4) + w.W4 + c; w.W4 = (uint)t; c = t >> 32;
        t = ((ulong)a0 * a5) + w.W5 + c; w.W5 = (uint)t; c = t >> 32;
        t = ((ulong)a0 * a6) + w.W6 + c; w.W6 = (uint)t; c = t >> 32;
        t = ((ulong)a0 * a7) + w.W7 + c; w.W7 = (uint)t; c = t >> 32;
        w.W8 = (uint)c;
        c = 0;
        t = ((ulong)a1 * a2) + w.W3 + c; w.W3 = (uint)t; c = t >> 32;
        t = ((ulong)a1 * a3) + w.W4 + c; w.W4 = (uint)t; c = t >> 32;
        t = ((ulong)a1 * a4) + w.W5 + c; w.W5 = (uint)t; c = t >> 32;
        t = ((ulong)a1 * a5) + w.W6 + c; w.W6 = (uint)t; c = t >> 32;
        t = ((ulong)a1 * a6) + w.W7 + c; w.W7 = (uint)t; c = t >> 32;
        t = ((ulong)a1 * a7) + w.W8 + c; w.W8 = (uint)t; c = t >> 32;
        w.W9 = (uint)c;
        c = 0;
        t = ((ulong)a2 * a3) + w.W5 + c; w.W5 = (uint)t; c = t >> 32;
        t = ((ulong)a2 * a4) + w.W6 + c; w.W6 = (uint)t; c = t >> 32;
        t = ((ulong)a2 * a5) + w.W7 + c; w.W7 = (uint)t; c = t >> 32;
        t = ((ulong)a2 * a6) + w.W8 + c; w.W8 = (uint)t; c = t >> 32;
        t = ((ulong)a2 * a7) + w.W9 + c; w.W9 = (uint)t; c = t >> 32;
        w.W10 = (uint)c;
        c = 0;
        t = ((ulong)a3 * a4) + w.W7 + c; w.W7 = (uint)t; c = t >> 32;
        t = ((ulong)a3 * a5) + w.W8 + c; w.W8 = (uint)t; c = t >> 32;
        t = ((ulong)a3 * a6) + w.W9 + c; w.W9 = (uint)t; c = t >> 32;
        t = ((ulong)a3 * a7) + w.W10 + c; w.W10 = (uint)t; c = t >> 32;
        w.W11 = (uint)c;
        c = 0;
        t = ((ulong)a4 * a5) + w.W9 + c; w.W9 = (uint)t; c = t >> 32;
        t = ((ulong)a4 * a6) + w.W10 + c; w.W10 = (uint)t; c = t >> 32;
        t = ((ulong)a4 * a7) + w.W11 + c; w.W11 = (uint)t; c = t >> 32;
        w.W12 = (uint)c;
        c = 0;
        t = ((ulong)a5 * a6) + w.W11 + c; w.W11 = (uint)t; c = t >> 32;
        t = ((ulong)a5 * a7) + w.W12 + c; w.W12 = (uint)t; c = t >> 32;
        w.W13 = (uint)c;
        c = 0;
        t = ((ulong)a6 * a7) + w.W13 + c; w.W13 = (uint)t; c = t >> 32;
        w.W14 = (uint)c;
        c = 0;
        t = ((ulong)w.W0 << 1) | c; w.W0 = (uint)t; c = t >> 32;
        t = ((ulong)w.W1 << 1) | c; w.W1 = (uint)t; c = t >> 32;
        t = ((ulong)w.W2 << 1) | c; w.W2 = (uint)t; c = t >> 32;
        t = ((ulong)w.W3 << 1) | c; w.W3 = (uint)t; c = t >> 32;
        t = ((ulong)w.W4 << 1) | c; w.W4 = (uint)t; c = t >> 32;
        t = ((ulong)w.W5 << 1) | c; w.W5 = (uint)t; c = t >> 32;
        t = ((ulong)w.W6 << 1) | c; w.W6 = (uint)t; c = t >> 32;
        t = ((ulong)w.W7 << 1) | c; w.W7 = (uint)t; c = t >> 32;
        t = ((ulong)w.W8 << 1) | c; w.W8 = (uint)t; c = t >> 32;
        t = ((ulong)w.W9 << 1) | c; w.W9 = (uint)t; c = t >> 32;
        t = ((ulong)w.W10 << 1) | c; w.W10 = (uint)t; c = t >> 32;
        t = ((ulong)w.W11 << 1) | c; w.W11 = (uint)t; c = t >> 32;
        t = ((ulong)w.W12 << 1) | c; w.W12 = (uint)t; c = t >> 32;
        t = ((ulong)w.W13 << 1) | c; w.W13 = (uint)t; c = t >> 32;
        t = ((ulong)w.W14 << 1) | c; w.W14 = (uint)t; c = t >> 32;
        t = ((ulong)w.W15 << 1) | c; w.W15 = (uint)t; c = t >> 32;
        c = 0;
        t = ((ulong)a0 * a0) + w.W0 + c; w.W0 = (uint)t; c = t >> 32;
        t = (ulong)w.W1 + c; w.W1 = (uint)t; c = t >> 32;
        t = ((ulong)a1 * a1) + w.W2 + c; w.W2 = (uint)t; c = t >> 32;
        t = (ulong)w.W3 + c; w.W3 = (uint)t; c = t >> 32;
        t = ((ulong)a2 * a2) + w.W4 + c; w.W4 = (uint)t; c = t >> 32;
        t = (ulong)w.W5 + c; w.W5 = (uint)t; c = t >> 32;
        t = ((ulong)a3 * a3) + w.W6 + c; w.W6 = (uint)t; c = t >> 32;
        t = (ulong)w.W7 + c; w.W7 = (uint)t; c = t >> 32;
        t = ((ulong)a4 * a4) + w.W8 + c; w.W8 = (uint)t; c = t >> 32;
        t = (ulong)w.W9 + c; w.W9 = (uint)t; c = t >> 32;
        t = ((ulong)a5 * a5) + w.W10 + c; w.W10 = (uint)t; c = t >> 32;
        t = (ulong)w.W11 + c; w.W11 = (uint)t; c = t >> 32;
        t = ((ulong)a6 * a6) + w.W12 + c; w.W12 = (uint)t; c = t >> 32;
        t = (ulong)w.W13 + c; w.W13 = (uint)t; c = t >> 32;
        t = ((ulong)a7 * a7) + w.W14 + c; w.W14 = (uint)t; c = t >> 32;
        t = (ulong)w.W15 + c; w.W15 = (uint)t; c = t >> 32;
        return default(TReduction).Reduce(w);
    }
}
