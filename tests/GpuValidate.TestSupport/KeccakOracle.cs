using Org.BouncyCastle.Crypto.Digests;

namespace GpuValidate.TestSupport;

/// <summary>
/// Ethereum's Keccak-256 (the original padding, not FIPS 202 SHA3-256) from BouncyCastle's <c>KeccakDigest</c>: the
/// independent reference the project's own Keccak code is checked against. BouncyCastle shares no code with the
/// kernels' or the engines' Keccak, so an answer both agree on is not one bug reproduced twice.
/// </summary>
public static class KeccakOracle
{
    /// <summary>The 32-byte Keccak-256 digest of <paramref name="data"/>, in a new array.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var hash = new byte[32];
        Hash(data, hash);
        return hash;
    }

    /// <summary>Writes the Keccak-256 digest of <paramref name="data"/> to the first 32 bytes of <paramref name="hash"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hash"/> is shorter than 32 bytes.</exception>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> hash)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hash.Length, 32, nameof(hash));
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(data);
        digest.DoFinal(hash);
    }
}
