namespace GpuValidate.Kernels.Secp256k1;

/// <summary>The powers a^1 .. a^15 of a scalar, for 4-bit fixed-window exponentiation; fields and a switch, kernel-safe.</summary>
internal readonly struct ScalarPowers
{
    private readonly Scalar _p1;
    private readonly Scalar _p2;
    private readonly Scalar _p3;
    private readonly Scalar _p4;
    private readonly Scalar _p5;
    private readonly Scalar _p6;
    private readonly Scalar _p7;
    private readonly Scalar _p8;
    private readonly Scalar _p9;
    private readonly Scalar _p10;
    private readonly Scalar _p11;
    private readonly Scalar _p12;
    private readonly Scalar _p13;
    private readonly Scalar _p14;
    private readonly Scalar _p15;

    private ScalarPowers(in Scalar p1, in Scalar p2, in Scalar p3, in Scalar p4, in Scalar p5, in Scalar p6, in Scalar p7, in Scalar p8, in Scalar p9, in Scalar p10, in Scalar p11, in Scalar p12, in Scalar p13, in Scalar p14, in Scalar p15)
    {
        _p1 = p1;
        _p2 = p2;
        _p3 = p3;
        _p4 = p4;
        _p5 = p5;
        _p6 = p6;
        _p7 = p7;
        _p8 = p8;
        _p9 = p9;
        _p10 = p10;
        _p11 = p11;
        _p12 = p12;
        _p13 = p13;
        _p14 = p14;
        _p15 = p15;
    }

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
        return new ScalarPowers(p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12, p13, p14, p15);
    }

    /// <summary>a^e for e in 1-15.</summary>
    public Scalar Get(int e) => e switch
    {
        1 => _p1,
        2 => _p2,
        3 => _p3,
        4 => _p4,
        5 => _p5,
        6 => _p6,
        7 => _p7,
        8 => _p8,
        9 => _p9,
        10 => _p10,
        11 => _p11,
        12 => _p12,
        13 => _p13,
        14 => _p14,
        _ => _p15,
    };
}
