using System.Runtime.CompilerServices;

namespace GpuValidate.Kernels.Secp256k1;

public readonly partial struct Scalar
{
    /// <summary>a * b mod n. Inputs reduced; output reduced.</summary>
    public static Scalar Mul(in Scalar a, in Scalar b) =>
        Wide512.Mul<Scalar, Scalar>(a, b);

    /// <summary>a * a mod n. Input reduced; output reduced.</summary>
    public static Scalar Sqr(in Scalar a) =>
        Wide512.Sqr<Scalar, Scalar>(a);

    // A 512-bit value mod n: the part above 2^256 is multiplied by 2^256 - n (C0..C3 and a 1 in limb 4) and added to the
    // low half, three times (512 to 385 to 289 to 257 bits), then Finish folds the last carry and subtracts n once.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    Scalar IWideReduction<Scalar>.Reduce(in Wide512 r)
    {
        ulong t, c;
        uint p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0;
        MulAddComplement(r.W8, ref p0, ref p1, ref p2, ref p3, ref p4, out uint p5);
        MulAddComplement(r.W9, ref p1, ref p2, ref p3, ref p4, ref p5, out uint p6);
        MulAddComplement(r.W10, ref p2, ref p3, ref p4, ref p5, ref p6, out uint p7);
        MulAddComplement(r.W11, ref p3, ref p4, ref p5, ref p6, ref p7, out uint p8);
        MulAddComplement(r.W12, ref p4, ref p5, ref p6, ref p7, ref p8, out uint p9);
        MulAddComplement(r.W13, ref p5, ref p6, ref p7, ref p8, ref p9, out uint p10);
        MulAddComplement(r.W14, ref p6, ref p7, ref p8, ref p9, ref p10, out uint p11);
        MulAddComplement(r.W15, ref p7, ref p8, ref p9, ref p10, ref p11, out uint p12);
        c = 0;
        t = (ulong)r.W0 + p0 + c; uint m0 = (uint)t; c = t >> 32;
        t = (ulong)r.W1 + p1 + c; uint m1 = (uint)t; c = t >> 32;
        t = (ulong)r.W2 + p2 + c; uint m2 = (uint)t; c = t >> 32;
        t = (ulong)r.W3 + p3 + c; uint m3 = (uint)t; c = t >> 32;
        t = (ulong)r.W4 + p4 + c; uint m4 = (uint)t; c = t >> 32;
        t = (ulong)r.W5 + p5 + c; uint m5 = (uint)t; c = t >> 32;
        t = (ulong)r.W6 + p6 + c; uint m6 = (uint)t; c = t >> 32;
        t = (ulong)r.W7 + p7 + c; uint m7 = (uint)t; c = t >> 32;
        t = p8 + c; uint m8 = (uint)t; c = t >> 32;
        t = p9 + c; uint m9 = (uint)t; c = t >> 32;
        t = p10 + c; uint m10 = (uint)t; c = t >> 32;
        t = p11 + c; uint m11 = (uint)t; c = t >> 32;
        t = p12 + c; uint m12 = (uint)t; c = t >> 32;
        uint q0 = 0, q1 = 0, q2 = 0, q3 = 0, q4 = 0;
        MulAddComplement(m8, ref q0, ref q1, ref q2, ref q3, ref q4, out uint q5);
        MulAddComplement(m9, ref q1, ref q2, ref q3, ref q4, ref q5, out uint q6);
        MulAddComplement(m10, ref q2, ref q3, ref q4, ref q5, ref q6, out uint q7);
        MulAddComplement(m11, ref q3, ref q4, ref q5, ref q6, ref q7, out uint q8);
        MulAddComplement(m12, ref q4, ref q5, ref q6, ref q7, ref q8, out uint q9);
        c = 0;
        t = (ulong)m0 + q0 + c; uint u0 = (uint)t; c = t >> 32;
        t = (ulong)m1 + q1 + c; uint u1 = (uint)t; c = t >> 32;
        t = (ulong)m2 + q2 + c; uint u2 = (uint)t; c = t >> 32;
        t = (ulong)m3 + q3 + c; uint u3 = (uint)t; c = t >> 32;
        t = (ulong)m4 + q4 + c; uint u4 = (uint)t; c = t >> 32;
        t = (ulong)m5 + q5 + c; uint u5 = (uint)t; c = t >> 32;
        t = (ulong)m6 + q6 + c; uint u6 = (uint)t; c = t >> 32;
        t = (ulong)m7 + q7 + c; uint u7 = (uint)t; c = t >> 32;
        t = q8 + c; uint u8 = (uint)t; c = t >> 32;
        t = q9 + c; uint u9 = (uint)t; c = t >> 32;
        uint v0 = 0, v1 = 0, v2 = 0, v3 = 0, v4 = 0;
        MulAddComplement(u8, ref v0, ref v1, ref v2, ref v3, ref v4, out uint v5);
        MulAddComplement(u9, ref v1, ref v2, ref v3, ref v4, ref v5, out uint v6);
        c = 0;
        t = (ulong)u0 + v0 + c; uint w0 = (uint)t; c = t >> 32;
        t = (ulong)u1 + v1 + c; uint w1 = (uint)t; c = t >> 32;
        t = (ulong)u2 + v2 + c; uint w2 = (uint)t; c = t >> 32;
        t = (ulong)u3 + v3 + c; uint w3 = (uint)t; c = t >> 32;
        t = (ulong)u4 + v4 + c; uint w4 = (uint)t; c = t >> 32;
        t = (ulong)u5 + v5 + c; uint w5 = (uint)t; c = t >> 32;
        t = (ulong)u6 + v6 + c; uint w6 = (uint)t; c = t >> 32;
        t = (ulong)u7 + c; uint w7 = (uint)t; c = t >> 32;
        return Finish(w0, w1, w2, w3, w4, w5, w6, w7, (uint)c);
    }

    // p0..p4 += h * (2^256 - n), whose limbs are C0, C1, C2, C3 and 1; the carry out lands in p5. One row of a fold.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MulAddComplement(uint h, ref uint p0, ref uint p1, ref uint p2, ref uint p3, ref uint p4, out uint p5)
    {
        ulong t, c;
        c = 0;
        t = ((ulong)h * C0) + p0 + c; p0 = (uint)t; c = t >> 32;
        t = ((ulong)h * C1) + p1 + c; p1 = (uint)t; c = t >> 32;
        t = ((ulong)h * C2) + p2 + c; p2 = (uint)t; c = t >> 32;
        t = ((ulong)h * C3) + p3 + c; p3 = (uint)t; c = t >> 32;
        t = ((ulong)h * 1UL) + p4 + c; p4 = (uint)t; c = t >> 32;
        p5 = (uint)c;
    }
}
