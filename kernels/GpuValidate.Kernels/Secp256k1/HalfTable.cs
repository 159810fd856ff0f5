using System.Runtime.CompilerServices;

namespace GpuValidate.Kernels.Secp256k1;

/// <summary>
/// The multiples 1Q .. 8Q of a variable point, for signed 4-bit windows (digits -8..7, a negative digit uses the
/// negated point): half the per-thread state of a 1Q..15Q table. Fields and a switch, kernel-safe.
/// </summary>
public readonly struct HalfTable
{
    private readonly JacobianPoint _p1;
    private readonly JacobianPoint _p2;
    private readonly JacobianPoint _p3;
    private readonly JacobianPoint _p4;
    private readonly JacobianPoint _p5;
    private readonly JacobianPoint _p6;
    private readonly JacobianPoint _p7;
    private readonly JacobianPoint _p8;

    private HalfTable(in JacobianPoint p1, in JacobianPoint p2, in JacobianPoint p3, in JacobianPoint p4, in JacobianPoint p5, in JacobianPoint p6, in JacobianPoint p7, in JacobianPoint p8)
    {
        _p1 = p1;
        _p2 = p2;
        _p3 = p3;
        _p4 = p4;
        _p5 = p5;
        _p6 = p6;
        _p7 = p7;
        _p8 = p8;
    }

    /// <summary>The table of 1Q .. 8Q.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static HalfTable Build(in AffinePoint q)
    {
        var p1 = JacobianPoint.FromAffine(q);
        var p2 = JacobianPoint.Double(p1);
        var p3 = JacobianPoint.AddMixed(p2, q);
        var p4 = JacobianPoint.AddMixed(p3, q);
        var p5 = JacobianPoint.AddMixed(p4, q);
        var p6 = JacobianPoint.AddMixed(p5, q);
        var p7 = JacobianPoint.AddMixed(p6, q);
        var p8 = JacobianPoint.AddMixed(p7, q);
        return new HalfTable(p1, p2, p3, p4, p5, p6, p7, p8);
    }

    /// <summary>d Q for d in 1-8.</summary>
    public JacobianPoint Get(int digit) => digit switch
    {
        1 => _p1,
        2 => _p2,
        3 => _p3,
        4 => _p4,
        5 => _p5,
        6 => _p6,
        7 => _p7,
        _ => _p8,
    };
}
