using System.Text;
using GpuValidate.Kernels.Hashing;
using GpuValidate.TestSupport;
using Xunit.Abstractions;

namespace GpuValidate.Kernels.Tests.Hashing;

public sealed class Keccak256Tests(ITestOutputHelper output)
{
    public static TheoryData<int> LengthsUpTo300()
    {
        var data = new TheoryData<int>();
        for (int length = 0; length <= 300; length++)
        {
            data.Add(length);
        }

        return data;
    }

    [Fact]
    public void Empty_input_matches_the_published_Ethereum_empty_hash()
    {
        // Keccak-256 of nothing, as used for Ethereum's empty code hash; also checked against BouncyCastle.
        var expected = Convert.FromHexString("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
        Assert.Equal(expected, KeccakOracle.Hash([]));
        Assert.Equal(expected, Hash([]));
    }

    [Fact]
    public void Abc_matches_BouncyCastle() =>
        Assert.Equal(KeccakOracle.Hash("abc"u8), Hash("abc"u8));

    [Fact]
    public void Million_a_matches_BouncyCastle()
    {
        var data = Encoding.ASCII.GetBytes(new string('a', 1_000_000));
        Assert.Equal(KeccakOracle.Hash(data), Hash(data));
    }

    [Theory]
    [MemberData(nameof(LengthsUpTo300))]
    public void Every_length_up_to_300_matches_BouncyCastle(int length)
    {
        var data = new byte[length];
        for (int i = 0; i < length; i++)
        {
            data[i] = (byte)((i * 131) + length);
        }

        Assert.Equal(KeccakOracle.Hash(data), Hash(data));
    }

    [Fact]
    public void Random_lengths_match_BouncyCastle()
    {
        var random = new RandomMessages(output);
        for (int n = 0; n < 200 * RandomMessages.Scale; n++)
        {
            var data = random.Bytes(random.Next(0, 2000));
            Assert.Equal(KeccakOracle.Hash(data), Hash(data));
        }
    }

    [Fact]
    public void Hash_returns_the_digest_ComputeHash_writes()
    {
        var random = new RandomMessages(output);
        var data = random.Bytes(500);
        Assert.Equal(KeccakOracle.Hash(data), Keccak256.Hash(data).ToArray());
    }

    [Fact]
    public void Hash64_equals_the_hash_of_the_concatenated_64_bytes()
    {
        var random = new RandomMessages(output);
        for (int n = 0; n < 50 * RandomMessages.Scale; n++)
        {
            var bytes = random.Bytes(64);
            var first = Digest256.FromBytes(bytes.AsSpan(0, 32));
            var second = Digest256.FromBytes(bytes.AsSpan(32, 32));
            Assert.Equal(KeccakOracle.Hash(bytes), Keccak256.Hash64(first, second).ToArray());
        }
    }

    [Fact]
    public void ComputeHash_rejects_a_short_digest_buffer() =>
        Assert.Throws<ArgumentException>(() => Keccak256.ComputeHash("abc"u8, new byte[31]));

    private static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var digest = new byte[32];
        Keccak256.ComputeHash(data, digest);
        return digest;
    }
}
