using Org.BouncyCastle.Crypto.Digests;

namespace GpuValidate.Ethereum.Hashing;

/// <summary>
/// Keccak-256 as Ethereum uses it (the original padding, not FIPS SHA3-256) on the CPU. One thin wrapper so the
/// implementation can be swapped without touching callers; one digest per thread so hashing never allocates.
/// </summary>
public static class Keccak
{
    /// <summary>The digest size in bytes.</summary>
    public const int HashSize = 32;

    [ThreadStatic]
    private static KeccakDigest? _digest;

    /// <summary>Hashes <paramref name="data"/> into the first 32 bytes of <paramref name="destination"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < HashSize)
        {
            throw new ArgumentException($"the destination needs {HashSize} bytes", nameof(destination));
        }

        var digest = _digest ??= new KeccakDigest(256);
        digest.Reset();
        digest.BlockUpdate(data);
        digest.DoFinal(destination);
    }

    /// <summary>Keccak-256 of <paramref name="data"/> as a <see cref="Primitives.Hash256"/>.</summary>
    public static Primitives.Hash256 Hash(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[HashSize];
        Hash(data, digest);
        return new Primitives.Hash256(digest);
    }
}
