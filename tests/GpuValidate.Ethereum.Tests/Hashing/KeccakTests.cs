using GpuValidate.Ethereum.Hashing;

namespace GpuValidate.Ethereum.Tests.Hashing;

public sealed class KeccakTests
{
    [Theory]
    [InlineData("", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("616263", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    public void Matches_published_Keccak256_digests(string inputHex, string expectedHex)
    {
        Assert.Equal("0x" + expectedHex, Keccak.Hash(Convert.FromHexString(inputHex)).ToString());
    }

    [Fact]
    public void Matches_Nethereum_on_random_lengths_across_the_rate_boundary()
    {
        var random = new Random(7);
        var sha3 = new Nethereum.Util.Sha3Keccack();
        for (var length = 0; length < 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(sha3.CalculateHash(data), Keccak.Hash(data).ToArray());
        }
    }
}
