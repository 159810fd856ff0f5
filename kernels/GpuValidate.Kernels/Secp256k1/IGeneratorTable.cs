namespace GpuValidate.Kernels.Secp256k1;

/// <summary>
/// The precomputed multiples of G that fixed-base multiplication reads: for each 8-bit window w (0-31) and
/// digit d (1-255), the affine point d * 256^w * G. Implemented over a device buffer in kernels and over a
/// managed array on the CPU, so one generic algorithm serves both.
/// </summary>
public interface IGeneratorTable
{
    /// <summary>d * 256^w * G for window <paramref name="window"/> (0-31) and digit <paramref name="digit"/> (1-255).</summary>
    AffinePoint Get(int window, int digit);
}
