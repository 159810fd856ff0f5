using System.Runtime.CompilerServices;

namespace GpuValidate.Kernels.Secp256k1;

/// <summary>
/// The multiples 1Q .. 8Q of a variable point, for signed 4-bit windows (digits -8..7, a negative digit uses the
/// negated point): half the per-thread state of a 1Q..15Q table. Fields and a switch, kernel-safe.
/// </summary>
public readonly struct HalfTable
{
    private readonly Table8<JacobianPoint> _multiples;

    private HalfTable(in Table8<JacobianPoint> multiples) => _multiples = multiples;

    /// <summary>The table of 1Q .. 8Q.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static HalfTable Build(in AffinePoint q) => new(Multiples(q));

    /// <summary>d Q for d in 1-8.</summary>
    public JacobianPoint Get(int digit) => _multiples.Get(digit);

    // 1Q .. 8Q: one doubling, then mixed additions of Q; also the low half of MultipleTable.
    internal static Table8<JacobianPoint> Multiples(in AffinePoint q)
    {
        var p1 = JacobianPoint.FromAffine(q);
        var p2 = JacobianPoint.Double(p1);
        var p3 = JacobianPoint.AddMixed(p2, q);
        var p4 = JacobianPoint.AddMixed(p3, q);
        var p5 = JacobianPoint.AddMixed(p4, q);
        var p6 = JacobianPoint.AddMixed(p5, q);
        var p7 = JacobianPoint.AddMixed(p6, q);
        var p8 = JacobianPoint.AddMixed(p7, q);
        return new Table8<JacobianPoint>(p1, p2, p3, p4, p5, p6, p7, p8);
    }
}
