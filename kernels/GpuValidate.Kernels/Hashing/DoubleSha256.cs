using ILGPU;

namespace GpuValidate.Kernels.Hashing;

/// <summary>SHA-256 applied twice, as Bitcoin hashes transactions and blocks.</summary>
public static class DoubleSha256
{
    /// <summary>SHA256(SHA256(data)) over a range of device memory (kernel-safe).</summary>
    public static Digest256 Hash(ArrayView<byte> data, long offset, int length) =>
        Sha256.Hash(Sha256.Hash(data, offset, length));

    /// <summary>SHA256(SHA256(data)) (CPU).</summary>
    public static Digest256 Hash(ReadOnlySpan<byte> data) => Sha256.Hash(Sha256.Hash(data));

    /// <summary>Writes SHA256(SHA256(data)) to the first 32 bytes of <paramref name="digest32"/> (CPU).</summary>
    /// <exception cref="ArgumentException"><paramref name="digest32"/> is shorter than 32 bytes.</exception>
    public static void ComputeHash(ReadOnlySpan<byte> data, Span<byte> digest32) => Hash(data).WriteTo(digest32);
}
