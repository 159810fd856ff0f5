using ILGPU;

namespace GpuValidate.Kernels.Hashing;

/// <summary>One-shot SHA-256 over <see cref="Sha256State"/>.</summary>
public static class Sha256
{
    /// <summary>SHA-256 of <paramref name="length"/> bytes of <paramref name="data"/> at <paramref name="offset"/> (kernel-safe).</summary>
    public static Digest256 Hash(ArrayView<byte> data, long offset, int length)
    {
        var state = Sha256State.Create();
        state.Update(data, offset, length);
        return state.Finish();
    }

    /// <summary>SHA-256 of the 32 bytes of <paramref name="digest"/> (kernel-safe).</summary>
    public static Digest256 Hash(in Digest256 digest)
    {
        var state = Sha256State.Create();
        state.UpdateDigest(digest);
        return state.Finish();
    }

    /// <summary>SHA-256 of <paramref name="data"/> (CPU).</summary>
    public static Digest256 Hash(ReadOnlySpan<byte> data)
    {
        var state = Sha256State.Create();
        state.Update(data);
        return state.Finish();
    }

    /// <summary>Writes SHA-256 of <paramref name="data"/> to the first 32 bytes of <paramref name="digest32"/> (CPU).</summary>
    /// <exception cref="ArgumentException"><paramref name="digest32"/> is shorter than 32 bytes.</exception>
    public static void ComputeHash(ReadOnlySpan<byte> data, Span<byte> digest32) => Hash(data).WriteTo(digest32);
}
