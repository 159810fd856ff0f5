using GpuValidate.Kernels.Hashing;

namespace GpuValidate.State.Trie;

/// <summary>
/// Ethereum's Keccak-256 (the pre-standard padding, not SHA3-256), using the kernels' unrolled permutation on the
/// CPU: it keeps its state on the stack, so any number of threads may hash at once, and it measured faster than
/// BouncyCastle's <c>KeccakDigest</c> for the trie's short node encodings (docs/benchmarks.md, "State root").
/// </summary>
internal static class Keccak
{
    /// <summary>Hashes <paramref name="data"/> into the first 32 bytes of <paramref name="destination"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination) => Keccak256.ComputeHash(data, destination);

    /// <summary>Hashes <paramref name="data"/> into a new 32-byte array.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var hash = new byte[32];
        Keccak256.ComputeHash(data, hash);
        return hash;
    }
}
