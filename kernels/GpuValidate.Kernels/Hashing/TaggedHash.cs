using System.Text;
using ILGPU;

namespace GpuValidate.Kernels.Hashing;

/// <summary>
/// BIP-340 tagged hash: SHA256(SHA256(tag) || SHA256(tag) || msg). The 64-byte prefix is exactly one block,
/// so <see cref="Start"/> yields a midstate that kernels can begin from with the tag digest passed in.
/// </summary>
public static class TaggedHash
{
    /// <summary>SHA256 of the UTF-8 bytes of <paramref name="tag"/> (CPU).</summary>
    public static Digest256 TagDigest(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return Sha256.Hash(Encoding.UTF8.GetBytes(tag));
    }

    /// <summary>A SHA-256 state that has absorbed SHA256(tag) twice (kernel-safe).</summary>
    public static Sha256State Start(in Digest256 tagDigest)
    {
        var state = Sha256State.Create();
        state.UpdateDigest(tagDigest);
        state.UpdateDigest(tagDigest);
        return state;
    }

    /// <summary>The tagged hash of a range of device memory, given SHA256(tag) (kernel-safe).</summary>
    public static Digest256 Hash(in Digest256 tagDigest, ArrayView<byte> data, long offset, int length)
    {
        var state = Start(tagDigest);
        state.Update(data, offset, length);
        return state.Finish();
    }

    /// <summary>The tagged hash of <paramref name="message"/>, given SHA256(tag) (CPU).</summary>
    public static Digest256 Hash(in Digest256 tagDigest, ReadOnlySpan<byte> message)
    {
        var state = Start(tagDigest);
        state.Update(message);
        return state.Finish();
    }

    /// <summary>Writes the tagged hash of <paramref name="message"/> under <paramref name="tag"/> to <paramref name="digest32"/> (CPU).</summary>
    /// <exception cref="ArgumentException"><paramref name="digest32"/> is shorter than 32 bytes.</exception>
    public static void ComputeHash(string tag, ReadOnlySpan<byte> message, Span<byte> digest32) =>
        Hash(TagDigest(tag), message).WriteTo(digest32);
}
