using System.Runtime.CompilerServices;

namespace GpuValidate.Kernels.Secp256k1;

/// <summary>
/// The multiples 1Q .. 15Q of a variable point, for 4-bit fixed-window multiplication. Fields and switches instead of
/// an array, because kernels hold no per-thread arrays. Kernel-safe.
/// </summary>
public readonly struct MultipleTable
{
    private readonly Table15<JacobianPoint> _multiples;

    private MultipleTable(in Table15<JacobianPoint> multiples) => _multiples = multiples;

    /// <summary>The table of 1Q .. 15Q.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static MultipleTable Build(in AffinePoint q)
    {
        var low = HalfTable.Multiples(q);
        var p9 = JacobianPoint.AddMixed(low.Get(8), q);
        var p10 = JacobianPoint.AddMixed(p9, q);
        var p11 = JacobianPoint.AddMixed(p10, q);
        var p12 = JacobianPoint.AddMixed(p11, q);
        var p13 = JacobianPoint.AddMixed(p12, q);
        var p14 = JacobianPoint.AddMixed(p13, q);
        var p15 = JacobianPoint.AddMixed(p14, q);
        return new MultipleTable(new Table15<JacobianPoint>(low, p9, p10, p11, p12, p13, p14, p15));
    }

    /// <summary>d Q for d in 1-15.</summary>
    public JacobianPoint Get(int digit) => _multiples.Get(digit);
}
