using System.Runtime.CompilerServices;

namespace GpuValidate.Kernels.Secp256k1;

/// <summary>
/// A point of secp256k1 in Jacobian coordinates (X / Z^2, Y / Z^3), or the point at infinity. Kernel-safe;
/// the formulas are the usual ones for a = 0 and handle doubling and opposite points inside additions.
/// </summary>
public readonly struct JacobianPoint
{
    /// <summary>X.</summary>
    public readonly FieldElement X;

    /// <summary>Y.</summary>
    public readonly FieldElement Y;

    /// <summary>Z.</summary>
    public readonly FieldElement Z;

    /// <summary>True for the point at infinity (the coordinates are then meaningless).</summary>
    public readonly bool IsInfinity;

    /// <summary>A point from coordinates; the caller guarantees it lies on the curve.</summary>
    public JacobianPoint(in FieldElement x, in FieldElement y, in FieldElement z, bool isInfinity)
    {
        X = x;
        Y = y;
        Z = z;
        IsInfinity = isInfinity;
    }

    /// <summary>The point at infinity.</summary>
    public static JacobianPoint Infinity => new(FieldElement.Zero, FieldElement.One, FieldElement.Zero, true);

    /// <summary>The affine point with Z = 1.</summary>
    public static JacobianPoint FromAffine(in AffinePoint a) => new(a.X, a.Y, FieldElement.One, false);

    /// <summary>2a.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static JacobianPoint Double(in JacobianPoint a)
    {
        // No point of order two exists on secp256k1, so Y = 0 only for infinity; checked anyway for safety.
        if (a.IsInfinity || a.Y.IsZero)
        {
            return Infinity;
        }

        var yy = FieldElement.Sqr(a.Y);
        var s = FieldElement.Mul(a.X, yy);
        s = FieldElement.Double(FieldElement.Double(s));
        var xx = FieldElement.Sqr(a.X);
        var m = FieldElement.Add(FieldElement.Double(xx), xx);
        var x3 = FieldElement.Sub(FieldElement.Sqr(m), FieldElement.Double(s));
        var yyyy8 = FieldElement.Double(FieldElement.Double(FieldElement.Double(FieldElement.Sqr(yy))));
        var y3 = FieldElement.Sub(FieldElement.Mul(m, FieldElement.Sub(s, x3)), yyyy8);
        var z3 = FieldElement.Double(FieldElement.Mul(a.Y, a.Z));
        return new JacobianPoint(x3, y3, z3, false);
    }

    /// <summary>a + b for an affine b (mixed addition).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static JacobianPoint AddMixed(in JacobianPoint a, in AffinePoint b)
    {
        if (a.IsInfinity)
        {
            return FromAffine(b);
        }

        var z1z1 = FieldElement.Sqr(a.Z);
        var u2 = FieldElement.Mul(b.X, z1z1);
        var s2 = FieldElement.Mul(b.Y, FieldElement.Mul(a.Z, z1z1));
        var h = FieldElement.Sub(u2, a.X);
        var r = FieldElement.Sub(s2, a.Y);
        if (h.IsZero)
        {
            return r.IsZero ? Double(a) : Infinity;
        }

        var hh = FieldElement.Sqr(h);
        var hhh = FieldElement.Mul(h, hh);
        var v = FieldElement.Mul(a.X, hh);
        var x3 = FieldElement.Sub(FieldElement.Sub(FieldElement.Sqr(r), hhh), FieldElement.Double(v));
        var y3 = FieldElement.Sub(FieldElement.Mul(r, FieldElement.Sub(v, x3)), FieldElement.Mul(a.Y, hhh));
        var z3 = FieldElement.Mul(a.Z, h);
        return new JacobianPoint(x3, y3, z3, false);
    }

    /// <summary>a + b.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static JacobianPoint Add(in JacobianPoint a, in JacobianPoint b)
    {
        if (a.IsInfinity)
        {
            return b;
        }

        if (b.IsInfinity)
        {
            return a;
        }

        var z1z1 = FieldElement.Sqr(a.Z);
        var z2z2 = FieldElement.Sqr(b.Z);
        var u1 = FieldElement.Mul(a.X, z2z2);
        var u2 = FieldElement.Mul(b.X, z1z1);
        var s1 = FieldElement.Mul(a.Y, FieldElement.Mul(b.Z, z2z2));
        var s2 = FieldElement.Mul(b.Y, FieldElement.Mul(a.Z, z1z1));
        var h = FieldElement.Sub(u2, u1);
        var r = FieldElement.Sub(s2, s1);
        if (h.IsZero)
        {
            return r.IsZero ? Double(a) : Infinity;
        }

        var hh = FieldElement.Sqr(h);
        var hhh = FieldElement.Mul(h, hh);
        var v = FieldElement.Mul(u1, hh);
        var x3 = FieldElement.Sub(FieldElement.Sub(FieldElement.Sqr(r), hhh), FieldElement.Double(v));
        var y3 = FieldElement.Sub(FieldElement.Mul(r, FieldElement.Sub(v, x3)), FieldElement.Mul(s1, hhh));
        var z3 = FieldElement.Mul(FieldElement.Mul(a.Z, b.Z), h);
        return new JacobianPoint(x3, y3, z3, false);
    }

    /// <summary>-a.</summary>
    public static JacobianPoint Negate(in JacobianPoint a) => new(a.X, FieldElement.Negate(a.Y), a.Z, a.IsInfinity);

    /// <summary>The affine form of a finite point (one field inversion). The caller checks <see cref="IsInfinity"/> first.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static AffinePoint ToAffine(in JacobianPoint a)
    {
        var zi = FieldElement.Inv(a.Z);
        var zi2 = FieldElement.Sqr(zi);
        return new AffinePoint(FieldElement.Mul(a.X, zi2), FieldElement.Mul(a.Y, FieldElement.Mul(zi2, zi)));
    }

    /// <summary>True when the point is finite and its affine x equals <paramref name="x"/>: x * Z^2 == X, no inversion.</summary>
    public static bool HasAffineX(in JacobianPoint a, in FieldElement x) =>
        !a.IsInfinity && FieldElement.AreEqual(FieldElement.Mul(x, FieldElement.Sqr(a.Z)), a.X);
}
