using System.Runtime.CompilerServices;

namespace GpuValidate.Kernels.Secp256k1;

/// <summary>
/// The 512-bit product of two 256-bit values as sixteen 32-bit limbs (<see cref="W0"/> least significant): the one
/// schoolbook multiply and square that field and scalar arithmetic reduce from. Straight-line code over limbs passed
/// one by one, because kernels cannot index per-thread arrays; plain fields, kernel-safe.
/// </summary>
internal readonly struct Wide512
{
    /// <summary>Limbs, least significant first.</summary>
    public readonly uint W0;
    public readonly uint W1;
    public readonly uint W2;
    public readonly uint W3;
    public readonly uint W4;
    public readonly uint W5;
    public readonly uint W6;
    public readonly uint W7;
    public readonly uint W8;
    public readonly uint W9;
    public readonly uint W10;
    public readonly uint W11;
    public readonly uint W12;
    public readonly uint W13;
    public readonly uint W14;
    public readonly uint W15;

    /// <summary>A product from its limbs, least significant first.</summary>
    public Wide512(uint w0, uint w1, uint w2, uint w3, uint w4, uint w5, uint w6, uint w7, uint w8, uint w9, uint w10, uint w11, uint w12, uint w13, uint w14, uint w15)
    {
        W0 = w0;
        W1 = w1;
        W2 = w2;
        W3 = w3;
        W4 = w4;
        W5 = w5;
        W6 = w6;
        W7 = w7;
        W8 = w8;
        W9 = w9;
        W10 = w10;
        W11 = w11;
        W12 = w12;
        W13 = w13;
        W14 = w14;
        W15 = w15;
    }

    /// <summary>a * b for limbs a0..a7 and b0..b7 (least significant first), row by row with 32-bit carries.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Wide512 Mul(uint a0, uint a1, uint a2, uint a3, uint a4, uint a5, uint a6, uint a7, uint b0, uint b1, uint b2, uint b3, uint b4, uint b5, uint b6, uint b7)
    {
        ulong t, c;
        uint r0 = 0;
        uint r1 = 0;
        uint r2 = 0;
        uint r3 = 0;
        uint r4 = 0;
        uint r5 = 0;
        uint r6 = 0;
        uint r7 = 0;
        uint r8 = 0;
        uint r9 = 0;
        uint r10 = 0;
        uint r11 = 0;
        uint r12 = 0;
        uint r13 = 0;
        uint r14 = 0;
        uint r15 = 0;
        c = 0;
        t = ((ulong)a0 * b0) + r0 + c; r0 = (uint)t; c = t >> 32;
        t = ((ulong)a0 * b1) + r1 + c; r1 = (uint)t; c = t >> 32;
        t = ((ulong)a0 * b2) + r2 + c; r2 = (uint)t; c = t >> 32;
        t = ((ulong)a0 * b3) + r3 + c; r3 = (uint)t; c = t >> 32;
        t = ((ulong)a0 * b4) + r4 + c; r4 = (uint)t; c = t >> 32;
        t = ((ulong)a0 * b5) + r5 + c; r5 = (uint)t; c = t >> 32;
        t = ((ulong)a0 * b6) + r6 + c; r6 = (uint)t; c = t >> 32;
        t = ((ulong)a0 * b7) + r7 + c; r7 = (uint)t; c = t >> 32;
        r8 = (uint)c;
        c = 0;
        t = ((ulong)a1 * b0) + r1 + c; r1 = (uint)t; c = t >> 32;
        t = ((ulong)a1 * b1) + r2 + c; r2 = (uint)t; c = t >> 32;
        t = ((ulong)a1 * b2) + r3 + c; r3 = (uint)t; c = t >> 32;
        t = ((ulong)a1 * b3) + r4 + c; r4 = (uint)t; c = t >> 32;
        t = ((ulong)a1 * b4) + r5 + c; r5 = (uint)t; c = t >> 32;
        t = ((ulong)a1 * b5) + r6 + c; r6 = (uint)t; c = t >> 32;
        t = ((ulong)a1 * b6) + r7 + c; r7 = (uint)t; c = t >> 32;
        t = ((ulong)a1 * b7) + r8 + c; r8 = (uint)t; c = t >> 32;
        r9 = (uint)c;
        c = 0;
        t = ((ulong)a2 * b0) + r2 + c; r2 = (uint)t; c = t >> 32;
        t = ((ulong)a2 * b1) + r3 + c; r3 = (uint)t; c = t >> 32;
        t = ((ulong)a2 * b2) + r4 + c; r4 = (uint)t; c = t >> 32;
        t = ((ulong)a2 * b3) + r5 + c; r5 = (uint)t; c = t >> 32;
        t = ((ulong)a2 * b4) + r6 + c; r6 = (uint)t; c = t >> 32;
        t = ((ulong)a2 * b5) + r7 + c; r7 = (uint)t; c = t >> 32;
        t = ((ulong)a2 * b6) + r8 + c; r8 = (uint)t; c = t >> 32;
        t = ((ulong)a2 * b7) + r9 + c; r9 = (uint)t; c = t >> 32;
        r10 = (uint)c;
        c = 0;
        t = ((ulong)a3 * b0) + r3 + c; r3 = (uint)t; c = t >> 32;
        t = ((ulong)a3 * b1) + r4 + c; r4 = (uint)t; c = t >> 32;
        t = ((ulong)a3 * b2) + r5 + c; r5 = (uint)t; c = t >> 32;
        t = ((ulong)a3 * b3) + r6 + c; r6 = (uint)t; c = t >> 32;
        t = ((ulong)a3 * b4) + r7 + c; r7 = (uint)t; c = t >> 32;
        t = ((ulong)a3 * b5) + r8 + c; r8 = (uint)t; c = t >> 32;
        t = ((ulong)a3 * b6) + r9 + c; r9 = (uint)t; c = t >> 32;
        t = ((ulong)a3 * b7) + r10 + c; r10 = (uint)t; c = t >> 32;
        r11 = (uint)c;
        c = 0;
        t = ((ulong)a4 * b0) + r4 + c; r4 = (uint)t; c = t >> 32;
        t = ((ulong)a4 * b1) + r5 + c; r5 = (uint)t; c = t >> 32;
        t = ((ulong)a4 * b2) + r6 + c; r6 = (uint)t; c = t >> 32;
        t = ((ulong)a4 * b3) + r7 + c; r7 = (uint)t; c = t >> 32;
        t = ((ulong)a4 * b4) + r8 + c; r8 = (uint)t; c = t >> 32;
        t = ((ulong)a4 * b5) + r9 + c; r9 = (uint)t; c = t >> 32;
        t = ((ulong)a4 * b6) + r10 + c; r10 = (uint)t; c = t >> 32;
        t = ((ulong)a4 * b7) + r11 + c; r11 = (uint)t; c = t >> 32;
        r12 = (uint)c;
        c = 0;
        t = ((ulong)a5 * b0) + r5 + c; r5 = (uint)t; c = t >> 32;
        t = ((ulong)a5 * b1) + r6 + c; r6 = (uint)t; c = t >> 32;
        t = ((ulong)a5 * b2) + r7 + c; r7 = (uint)t; c = t >> 32;
        t = ((ulong)a5 * b3) + r8 + c; r8 = (uint)t; c = t >> 32;
        t = ((ulong)a5 * b4) + r9 + c; r9 = (uint)t; c = t >> 32;
        t = ((ulong)a5 * b5) + r10 + c; r10 = (uint)t; c = t >> 32;
        t = ((ulong)a5 * b6) + r11 + c; r11 = (uint)t; c = t >> 32;
        t = ((ulong)a5 * b7) + r12 + c; r12 = (uint)t; c = t >> 32;
        r13 = (uint)c;
        c = 0;
        t = ((ulong)a6 * b0) + r6 + c; r6 = (uint)t; c = t >> 32;
        t = ((ulong)a6 * b1) + r7 + c; r7 = (uint)t; c = t >> 32;
        t = ((ulong)a6 * b2) + r8 + c; r8 = (uint)t; c = t >> 32;
        t = ((ulong)a6 * b3) + r9 + c; r9 = (uint)t; c = t >> 32;
        t = ((ulong)a6 * b4) + r10 + c; r10 = (uint)t; c = t >> 32;
        t = ((ulong)a6 * b5) + r11 + c; r11 = (uint)t; c = t >> 32;
        t = ((ulong)a6 * b6) + r12 + c; r12 = (uint)t; c = t >> 32;
        t = ((ulong)a6 * b7) + r13 + c; r13 = (uint)t; c = t >> 32;
        r14 = (uint)c;
        c = 0;
        t = ((ulong)a7 * b0) + r7 + c; r7 = (uint)t; c = t >> 32;
        t = ((ulong)a7 * b1) + r8 + c; r8 = (uint)t; c = t >> 32;
        t = ((ulong)a7 * b2) + r9 + c; r9 = (uint)t; c = t >> 32;
        t = ((ulong)a7 * b3) + r10 + c; r10 = (uint)t; c = t >> 32;
        t = ((ulong)a7 * b4) + r11 + c; r11 = (uint)t; c = t >> 32;
        t = ((ulong)a7 * b5) + r12 + c; r12 = (uint)t; c = t >> 32;
        t = ((ulong)a7 * b6) + r13 + c; r13 = (uint)t; c = t >> 32;
        t = ((ulong)a7 * b7) + r14 + c; r14 = (uint)t; c = t >> 32;
        r15 = (uint)c;
        return new Wide512(r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15);
    }

    /// <summary>a * a for limbs a0..a7: the cross products once, doubled by a one-bit shift, then the squares added.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Wide512 Sqr(uint a0, uint a1, uint a2, uint a3, uint a4, uint a5, uint a6, uint a7)
    {
        ulong t, c;
        uint r0 = 0;
        uint r1 = 0;
        uint r2 = 0;
        uint r3 = 0;
        uint r4 = 0;
        uint r5 = 0;
        uint r6 = 0;
        uint r7 = 0;
        uint r8 = 0;
        uint r9 = 0;
        uint r10 = 0;
        uint r11 = 0;
        uint r12 = 0;
        uint r13 = 0;
        uint r14 = 0;
        uint r15 = 0;
        c = 0;
        t = ((ulong)a0 * a1) + r1 + c; r1 = (uint)t; c = t >> 32;
        t = ((ulong)a0 * a2) + r2 + c; r2 = (uint)t; c = t >> 32;
        t = ((ulong)a0 * a3) + r3 + c; r3 = (uint)t; c = t >> 32;
        t = ((ulong)a0 * a4) + r4 + c; r4 = (uint)t; c = t >> 32;
        t = ((ulong)a0 * a5) + r5 + c; r5 = (uint)t; c = t >> 32;
        t = ((ulong)a0 * a6) + r6 + c; r6 = (uint)t; c = t >> 32;
        t = ((ulong)a0 * a7) + r7 + c; r7 = (uint)t; c = t >> 32;
        r8 = (uint)c;
        c = 0;
        t = ((ulong)a1 * a2) + r3 + c; r3 = (uint)t; c = t >> 32;
        t = ((ulong)a1 * a3) + r4 + c; r4 = (uint)t; c = t >> 32;
        t = ((ulong)a1 * a4) + r5 + c; r5 = (uint)t; c = t >> 32;
        t = ((ulong)a1 * a5) + r6 + c; r6 = (uint)t; c = t >> 32;
        t = ((ulong)a1 * a6) + r7 + c; r7 = (uint)t; c = t >> 32;
        t = ((ulong)a1 * a7) + r8 + c; r8 = (uint)t; c = t >> 32;
        r9 = (uint)c;
        c = 0;
        t = ((ulong)a2 * a3) + r5 + c; r5 = (uint)t; c = t >> 32;
        t = ((ulong)a2 * a4) + r6 + c; r6 = (uint)t; c = t >> 32;
        t = ((ulong)a2 * a5) + r7 + c; r7 = (uint)t; c = t >> 32;
        t = ((ulong)a2 * a6) + r8 + c; r8 = (uint)t; c = t >> 32;
        t = ((ulong)a2 * a7) + r9 + c; r9 = (uint)t; c = t >> 32;
        r10 = (uint)c;
        c = 0;
        t = ((ulong)a3 * a4) + r7 + c; r7 = (uint)t; c = t >> 32;
        t = ((ulong)a3 * a5) + r8 + c; r8 = (uint)t; c = t >> 32;
        t = ((ulong)a3 * a6) + r9 + c; r9 = (uint)t; c = t >> 32;
        t = ((ulong)a3 * a7) + r10 + c; r10 = (uint)t; c = t >> 32;
        r11 = (uint)c;
        c = 0;
        t = ((ulong)a4 * a5) + r9 + c; r9 = (uint)t; c = t >> 32;
        t = ((ulong)a4 * a6) + r10 + c; r10 = (uint)t; c = t >> 32;
        t = ((ulong)a4 * a7) + r11 + c; r11 = (uint)t; c = t >> 32;
        r12 = (uint)c;
        c = 0;
        t = ((ulong)a5 * a6) + r11 + c; r11 = (uint)t; c = t >> 32;
        t = ((ulong)a5 * a7) + r12 + c; r12 = (uint)t; c = t >> 32;
        r13 = (uint)c;
        c = 0;
        t = ((ulong)a6 * a7) + r13 + c; r13 = (uint)t; c = t >> 32;
        r14 = (uint)c;
        c = 0;
        t = ((ulong)r0 << 1) | c; r0 = (uint)t; c = t >> 32;
        t = ((ulong)r1 << 1) | c; r1 = (uint)t; c = t >> 32;
        t = ((ulong)r2 << 1) | c; r2 = (uint)t; c = t >> 32;
        t = ((ulong)r3 << 1) | c; r3 = (uint)t; c = t >> 32;
        t = ((ulong)r4 << 1) | c; r4 = (uint)t; c = t >> 32;
        t = ((ulong)r5 << 1) | c; r5 = (uint)t; c = t >> 32;
        t = ((ulong)r6 << 1) | c; r6 = (uint)t; c = t >> 32;
        t = ((ulong)r7 << 1) | c; r7 = (uint)t; c = t >> 32;
        t = ((ulong)r8 << 1) | c; r8 = (uint)t; c = t >> 32;
        t = ((ulong)r9 << 1) | c; r9 = (uint)t; c = t >> 32;
        t = ((ulong)r10 << 1) | c; r10 = (uint)t; c = t >> 32;
        t = ((ulong)r11 << 1) | c; r11 = (uint)t; c = t >> 32;
        t = ((ulong)r12 << 1) | c; r12 = (uint)t; c = t >> 32;
        t = ((ulong)r13 << 1) | c; r13 = (uint)t; c = t >> 32;
        t = ((ulong)r14 << 1) | c; r14 = (uint)t; c = t >> 32;
        t = ((ulong)r15 << 1) | c; r15 = (uint)t; c = t >> 32;
        c = 0;
        t = ((ulong)a0 * a0) + r0 + c; r0 = (uint)t; c = t >> 32;
        t = (ulong)r1 + c; r1 = (uint)t; c = t >> 32;
        t = ((ulong)a1 * a1) + r2 + c; r2 = (uint)t; c = t >> 32;
        t = (ulong)r3 + c; r3 = (uint)t; c = t >> 32;
        t = ((ulong)a2 * a2) + r4 + c; r4 = (uint)t; c = t >> 32;
        t = (ulong)r5 + c; r5 = (uint)t; c = t >> 32;
        t = ((ulong)a3 * a3) + r6 + c; r6 = (uint)t; c = t >> 32;
        t = (ulong)r7 + c; r7 = (uint)t; c = t >> 32;
        t = ((ulong)a4 * a4) + r8 + c; r8 = (uint)t; c = t >> 32;
        t = (ulong)r9 + c; r9 = (uint)t; c = t >> 32;
        t = ((ulong)a5 * a5) + r10 + c; r10 = (uint)t; c = t >> 32;
        t = (ulong)r11 + c; r11 = (uint)t; c = t >> 32;
        t = ((ulong)a6 * a6) + r12 + c; r12 = (uint)t; c = t >> 32;
        t = (ulong)r13 + c; r13 = (uint)t; c = t >> 32;
        t = ((ulong)a7 * a7) + r14 + c; r14 = (uint)t; c = t >> 32;
        t = (ulong)r15 + c; r15 = (uint)t; c = t >> 32;
        return new Wide512(r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15);
    }
}
