using System.Security.Cryptography;
using System.Text;

namespace GpuValidate.Kernels.Tests.Hashing;

/// <summary>
/// Independent references the SHA-256 code is checked against, from .NET's SHA256 (Keccak-256's is
/// <see cref="GpuValidate.TestSupport.KeccakOracle"/>).
/// </summary>
internal static class Oracles
{
    public static byte[] Sha256(ReadOnlySpan<byte> data) => SHA256.HashData(data);

    public static byte[] DoubleSha256(ReadOnlySpan<byte> data) => SHA256.HashData(SHA256.HashData(data));

    public static byte[] TaggedHash(string tag, ReadOnlySpan<byte> message)
    {
        var tagHash = SHA256.HashData(Encoding.UTF8.GetBytes(tag));
        return SHA256.HashData([.. tagHash, .. tagHash, .. message]);
    }
}
