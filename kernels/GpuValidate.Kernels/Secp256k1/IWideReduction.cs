namespace GpuValidate.Kernels.Secp256k1;

/// <summary>How <see cref="Wide512"/>'s 512-bit product becomes a 256-bit result (mod p, mod n, or a rounded top part).</summary>
/// <typeparam name="T">The result type.</typeparam>
internal interface IWideReduction<T>
    where T : struct
{
    /// <summary>The result for the 512-bit <paramref name="product"/>.</summary>
    T Reduce(in Wide512 product);
}
