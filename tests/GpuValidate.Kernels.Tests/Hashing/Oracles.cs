using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Digests;

namespace GpuValidate.Kernels.Tests.Hashing;

/// <summary>Independent implementations the hashing code is checked against: .NET's SHA256 and BouncyCastle's Keccak.</summary>
internal static class Oracles
{
    public static byte[] Keccak256(ReadOnlySpan<byte> data)
    {
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(data);
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return output;
    }

    public static byte[] Sha256(ReadOnlySpan<byte> data) => SHA256.HashData(data);

    public static byte[] DoubleSha256(ReadOnlySpan<byte> data) => SHA256.HashData(SHA256.HashData(data));

    public static byte[] TaggedHash(string tag, ReadOnlySpan<byte> message)
    {
        var tagHash = SHA256.HashData(Encoding.UTF8.GetBytes(tag));
        return SHA256.HashData([.. tagHash, .. tagHash, .. message]);
    }
}
