namespace GpuValidate.Kernels.Secp256k1;

public readonly partial struct Scalar
{
    /// <summary>
    /// lambda, a cube root of unity mod n: lambda (x, y) = (beta x, y) on secp256k1, the GLV endomorphism.
    /// </summary>
    public static Scalar Lambda => new(0x1B23BD72u, 0xDF02967Cu, 0x20816678u, 0x122E22EAu, 0x8812645Au, 0xA5261C02u, 0xC05C30E0u, 0x5363AD4Cu);

    /// <summary>
    /// Splits k into k1 + k2 lambda = k (mod n) with k1 and k2 each within 2^128 of zero (as libsecp256k1 does:
    /// c1 = round(k g1 / 2^384), c2 = round(k g2 / 2^384), k2 = c1 (-b1) + c2 (-b2), k1 = k - k2 lambda).
    /// A value above n/2 stands for its negative.
    /// </summary>
    public static void SplitLambda(in Scalar k, out Scalar k1, out Scalar k2)
    {
        var g1 = new Scalar(0x45DBB031u, 0xE893209Au, 0x71E8CA7Fu, 0x3DAA8A14u, 0x9284EB15u, 0xE86C90E4u, 0xA7D46BCDu, 0x3086D221u);
        var g2 = new Scalar(0x8AC47F71u, 0x1571B4AEu, 0x9DF506C6u, 0x221208ACu, 0x0ABFE4C4u, 0x6F547FA9u, 0x010E8828u, 0xE4437ED6u);
        var minusB1 = new Scalar(0x0ABFE4C3u, 0x6F547FA9u, 0x010E8828u, 0xE4437ED6u, 0, 0, 0, 0);
        var minusB2 = new Scalar(0x3DB1562Cu, 0xD765CDA8u, 0x0774346Du, 0x8A280AC5u, 0xFFFFFFFEu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu);
        var c1 = MulShift384(k, g1);
        var c2 = MulShift384(k, g2);
        k2 = Add(Mul(c1, minusB1), Mul(c2, minusB2));
        k1 = Add(k, Negate(Mul(k2, Lambda)));
    }

    /// <summary>True when the scalar is below 2^128.</summary>
    public bool Fits128 => (L4 | L5 | L6 | L7) == 0;
}
