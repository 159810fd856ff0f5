using Org.BouncyCastle.Crypto.Digests;

namespace GpuValidate.State.Trie;

/// <summary>
/// Ethereum's Keccak-256 (the pre-standard padding, not SHA3-256). One digest per thread because
/// <see cref="KeccakDigest"/> keeps state, and the trie hashes subtrees on several threads at once.
/// </summary>
internal static class Keccak
{
    [ThreadStatic]
    private static KeccakDigest? _digest;

    /// <summary>Hashes <paramref name="data"/> into the first 32 bytes of <paramref name="destination"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var digest = _digest ??= new KeccakDigest(256);
        digest.BlockUpdate(data);
        digest.DoFinal(destination);
    }

    /// <summary>Hashes <paramref name="data"/> into a new 32-byte array.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var hash = new byte[32];
        Hash(data, hash);
        return hash;
    }
}
