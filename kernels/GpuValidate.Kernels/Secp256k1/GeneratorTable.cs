namespace GpuValidate.Kernels.Secp256k1;

/// <summary>
/// Builds the table of multiples of G (see <see cref="IGeneratorTable"/>) on the host, once per process, as a flat
/// array of limbs: entry (w, d) is at <c>16 (255 w + d - 1)</c>, x limbs then y limbs, least significant first.
/// Kernels read it from a device buffer uploaded once per accelerator, never from a static array.
/// </summary>
public static class GeneratorTable
{
    /// <summary>Bits per window.</summary>
    public const int WindowBits = 8;

    /// <summary>Windows covering 256 bits.</summary>
    public const int Windows = 32;

    /// <summary>Non-zero digits per window.</summary>
    public const int EntriesPerWindow = 255;

    /// <summary>Limbs per affine entry (x then y).</summary>
    public const int LimbsPerEntry = 16;

    /// <summary>Total limbs in the table.</summary>
    public const int Length = Windows * EntriesPerWindow * LimbsPerEntry;

    private static readonly Lazy<uint[]> Shared = new(Build);

    /// <summary>The table's limbs, built on first use and shared; callers must not modify it.</summary>
    public static uint[] Limbs => Shared.Value;

    /// <summary>Index of entry (w, d)'s first limb.</summary>
    public static int IndexOf(int window, int digit) => ((window * EntriesPerWindow) + digit - 1) * LimbsPerEntry;

    private static uint[] Build()
    {
        var limbs = new uint[Length];
        var multiples = new JacobianPoint[EntriesPerWindow + 1];
        var prefix = new FieldElement[EntriesPerWindow];
        var windowBase = AffinePoint.Generator;
        for (int w = 0; w < Windows; w++)
        {
            // d * base for d = 1..256 in Jacobian form; none is infinity, as the prime n divides no d * 256^w.
            multiples[0] = JacobianPoint.FromAffine(windowBase);
            for (int d = 1; d <= EntriesPerWindow; d++)
            {
                multiples[d] = JacobianPoint.AddMixed(multiples[d - 1], windowBase);
            }

            // One inversion per window (Montgomery's trick): invert the product of all Z, then peel off each Z^-1.
            var product = FieldElement.One;
            for (int i = 0; i < EntriesPerWindow; i++)
            {
                prefix[i] = product;
                product = FieldElement.Mul(product, multiples[i].Z);
            }

            var inverse = FieldElement.Inv(product);
            for (int i = EntriesPerWindow - 1; i >= 0; i--)
            {
                var zInv = FieldElement.Mul(inverse, prefix[i]);
                inverse = FieldElement.Mul(inverse, multiples[i].Z);
                var zInv2 = FieldElement.Sqr(zInv);
                var p = multiples[i];
                Write(limbs, IndexOf(w, i + 1), new AffinePoint(FieldElement.Mul(p.X, zInv2), FieldElement.Mul(p.Y, FieldElement.Mul(zInv2, zInv))));
            }

            windowBase = JacobianPoint.ToAffine(multiples[EntriesPerWindow]);
        }

        return limbs;
    }

    private static void Write(uint[] limbs, int i, in AffinePoint p)
    {
        limbs[i] = p.X.L0;
        limbs[i + 1] = p.X.L1;
        limbs[i + 2] = p.X.L2;
        limbs[i + 3] = p.X.L3;
        limbs[i + 4] = p.X.L4;
        limbs[i + 5] = p.X.L5;
        limbs[i + 6] = p.X.L6;
        limbs[i + 7] = p.X.L7;
        limbs[i + 8] = p.Y.L0;
        limbs[i + 9] = p.Y.L1;
        limbs[i + 10] = p.Y.L2;
        limbs[i + 11] = p.Y.L3;
        limbs[i + 12] = p.Y.L4;
        limbs[i + 13] = p.Y.L5;
        limbs[i + 14] = p.Y.L6;
        limbs[i + 15] = p.Y.L7;
    }
}
