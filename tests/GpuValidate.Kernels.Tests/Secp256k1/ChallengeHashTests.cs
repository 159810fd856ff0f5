using System.Security.Cryptography;
using System.Text;
using GpuValidate.Kernels.Hashing;
using GpuValidate.Kernels.Secp256k1;
using Xunit.Abstractions;

namespace GpuValidate.Kernels.Tests.Secp256k1;

public sealed class ChallengeHashTests(ITestOutputHelper output)
{
    [Fact]
    public void Challenge_matches_the_dotnet_tagged_hash_for_every_length_up_to_300()
    {
        var random = SeededRandom.Create(output);
        var tag = SHA256.HashData(Encoding.UTF8.GetBytes("BIP0340/challenge"));
        var midstate = ChallengeHash.Midstate(Digest256.FromBytes(tag));
        var r = new byte[32];
        var px = new byte[32];
        for (int length = 0; length <= 300; length++)
        {
            random.NextBytes(r);
            random.NextBytes(px);
            var message = new byte[length];
            random.NextBytes(message);
            var expected = SHA256.HashData([.. tag, .. tag, .. r, .. px, .. message]);
            var actual = ChallengeHash.Hash(midstate, Digest256.FromBytes(r), Digest256.FromBytes(px), message);
            Assert.True(expected.AsSpan().SequenceEqual(actual.ToArray()), $"length {length}");
        }
    }
}
