namespace GpuValidate.Kernels.Secp256k1;

/// <summary>The powers a^1 .. a^15 of a scalar, for 4-bit fixed-window exponentiation; fields and switches, kernel-safe.</summary>
internal readonly struct ScalarPowers
{
    private readonly Table15<Scalar> _powers;

    private ScalarPowers(in Table15<Scalar> powers) => _powers = powers;

    /// <summary>a^1 .. a^15.</summary>
    public static ScalarPowers Build(in Scalar a)
    {
        var p1 = a;
        var p2 = Scalar.Sqr(a);
        var p3 = Scalar.Mul(p2, a);
        var p4 = Scalar.Mul(p3, a);
        var p5 = Scalar.Mul(p4, a);
        var p6 = Scalar.Mul(p5, a);
        var p7 = Scalar.Mul(p6, a);
        var p8 = Scalar.Mul(p7, a);
        var p9 = Scalar.Mul(p8, a);
        var p10 = Scalar.Mul(p9, a);
        var p11 = Scalar.Mul(p10, a);
        var p12 = Scalar.Mul(p11, a);
        var p13 = Scalar.Mul(p12, a);
        var p14 = Scalar.Mul(p13, a);
        var p15 = Scalar.Mul(p14, a);
        return new ScalarPowers(new Table15<Scalar>(new Table8<Scalar>(p1, p2, p3, p4, p5, p6, p7, p8), p9, p10, p11, p12, p13, p14, p15));
    }

    /// <summary>a^e for e in 1-15.</summary>
    public Scalar Get(int e) => _powers.Get(e);
}
