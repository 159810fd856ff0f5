using ILGPU;

namespace GpuValidate.Kernels.Secp256k1;

/// <summary>The table of multiples of G in device memory, in <see cref="GeneratorTable"/>'s layout (kernel-safe).</summary>
public readonly struct DeviceGeneratorTable : IGeneratorTable
{
    private readonly ArrayView<uint> _limbs;

    /// <summary>Wraps a view holding <see cref="GeneratorTable.Length"/> limbs.</summary>
    public DeviceGeneratorTable(ArrayView<uint> limbs) => _limbs = limbs;

    /// <inheritdoc/>
    public AffinePoint Get(int window, int digit)
    {
        long i = GeneratorTable.IndexOf(window, digit);
        return new AffinePoint(
            new FieldElement(_limbs[i], _limbs[i + 1], _limbs[i + 2], _limbs[i + 3], _limbs[i + 4], _limbs[i + 5], _limbs[i + 6], _limbs[i + 7]),
            new FieldElement(_limbs[i + 8], _limbs[i + 9], _limbs[i + 10], _limbs[i + 11], _limbs[i + 12], _limbs[i + 13], _limbs[i + 14], _limbs[i + 15]));
    }
}
