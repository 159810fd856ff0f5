using System.Runtime.CompilerServices;

namespace GpuValidate.Kernels.Secp256k1;

/// <summary>
/// The multiples 1Q .. 15Q of a variable point, for 4-bit fixed-window multiplication. Fifteen fields and a
/// switch instead of an array, because kernels hold no per-thread arrays. Kernel-safe.
/// </summary>
public readonly struct MultipleTable
{
    private readonly JacobianPoint _p1;
    private readonly JacobianPoint _p2;
    private readonly JacobianPoint _p3;
    private readonly JacobianPoint _p4;
    private readonly JacobianPoint _p5;
    private readonly JacobianPoint _p6;
    private readonly JacobianPoint _p7;
    private readonly JacobianPoint _p8;
    private readonly JacobianPoint _p9;
    private readonly JacobianPoint _p10;
    private readonly JacobianPoint _p11;
    private readonly JacobianPoint _p12;
    private readonly JacobianPoint _p13;
    private readonly JacobianPoint _p14;
    private readonly JacobianPoint _p15;

    private MultipleTable(in JacobianPoint p1, in JacobianPoint p2, in JacobianPoint p3, in JacobianPoint p4, in JacobianPoint p5, in JacobianPoint p6, in JacobianPoint p7, in JacobianPoint p8, in JacobianPoint p9, in JacobianPoint p10, in JacobianPoint p11, in JacobianPoint p12, in JacobianPoint p13, in JacobianPoint p14, in JacobianPoint p15)
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

    /// <summary>The table of 1Q .. 15Q.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static MultipleTable Build(in AffinePoint q)
    {
        var p1 = JacobianPoint.FromAffine(q);
        var p2 = JacobianPoint.Double(p1);
        var p3 = JacobianPoint.AddMixed(p2, q);
        var p4 = JacobianPoint.AddMixed(p3, q);
        var p5 = JacobianPoint.AddMixed(p4, q);
        var p6 = JacobianPoint.AddMixed(p5, q);
        var p7 = JacobianPoint.AddMixed(p6, q);
        var p8 = JacobianPoint.AddMixed(p7, q);
        var p9 = JacobianPoint.AddMixed(p8, q);
        var p10 = JacobianPoint.AddMixed(p9, q);
        var p11 = JacobianPoint.AddMixed(p10, q);
        var p12 = JacobianPoint.AddMixed(p11, q);
        var p13 = JacobianPoint.AddMixed(p12, q);
        var p14 = JacobianPoint.AddMixed(p13, q);
        var p15 = JacobianPoint.AddMixed(p14, q);
        return new MultipleTable(p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12, p13, p14, p15);
    }

    /// <summary>d Q for d in 1-15.</summary>
    public JacobianPoint Get(int digit) => digit switch
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
