namespace GpuValidate.Kernels.Secp256k1;

/// <summary>The table of multiples of G in a managed array, for the CPU path of the same algorithms (not kernel-safe).</summary>
public readonly struct HostGeneratorTable : IGeneratorTable
{
    private readonly uint[] _limbs;

    /// <summary>Wraps <paramref name="limbs"/>, laid out as <see cref="GeneratorTable"/> describes.</summary>
    public HostGeneratorTable(uint[] limbs)
    {
        ArgumentNullException.ThrowIfNull(limbs);
        if (limbs.Length != GeneratorTable.Length)
        {
            throw new ArgumentException($"the table holds {GeneratorTable.Length} limbs, got {limbs.Length}", nameof(limbs));
        }

        _limbs = limbs;
    }

    /// <summary>The process-wide table.</summary>
    public static HostGeneratorTable Shared => new(GeneratorTable.Limbs);

    /// <inheritdoc/>
    public AffinePoint Get(int window, int digit)
    {
        int i = GeneratorTable.IndexOf(window, digit);
        var l = _limbs;
        return new AffinePoint(
            new FieldElement(l[i], l[i + 1], l[i + 2], l[i + 3], l[i + 4], l[i + 5], l[i + 6], l[i + 7]),
            new FieldElement(l[i + 8], l[i + 9], l[i + 10], l[i + 11], l[i + 12], l[i + 13], l[i + 14], l[i + 15]));
    }
}
