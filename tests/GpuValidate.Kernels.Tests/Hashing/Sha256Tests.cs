using System.Text;
using GpuValidate.Kernels.Hashing;
using Xunit.Abstractions;

namespace GpuValidate.Kernels.Tests.Hashing;

public sealed class Sha256Tests(ITestOutputHelper output)
{
    public static TheoryData<int> LengthsUpTo300() => Keccak256Tests.LengthsUpTo300();

    [Fact]
    public void Empty_input_matches_dotnet() => Assert.Equal(Oracles.Sha256([]), Hash([]));

    [Fact]
    public void Abc_matches_dotnet() => Assert.Equal(Oracles.Sha256("abc"u8), Hash("abc"u8));

    [Fact]
    public void Million_a_matches_dotnet()
    {
        var data = Encoding.ASCII.GetBytes(new string('a', 1_000_000));
        Assert.Equal(Oracles.Sha256(data), Hash(data));
    }

    [Theory]
    [MemberData(nameof(LengthsUpTo300))]
    public void Every_length_up_to_300_matches_dotnet(int length)
    {
        var data = new byte[length];
        for (int i = 0; i < length; i++)
        {
            data[i] = (byte)((i * 97) + length);
        }

        Assert.Equal(Oracles.Sha256(data), Hash(data));
    }

    [Fact]
    public void Random_lengths_match_dotnet()
    {
        var random = new RandomMessages(output);
        for (int n = 0; n < 200 * RandomMessages.Scale; n++)
        {
            var data = random.Bytes(random.Next(0, 2000));
            Assert.Equal(Oracles.Sha256(data), Hash(data));
        }
    }

    [Fact]
    public void Streaming_in_mixed_bytes_words_digests_and_spans_matches_one_shot_dotnet()
    {
        var random = new RandomMessages(output);
        for (int n = 0; n < 100 * RandomMessages.Scale; n++)
        {
            var all = new List<byte>();
            var state = Sha256State.Create();
            int pieces = random.Next(0, 12);
            for (int p = 0; p < pieces; p++)
            {
                switch (random.Next(0, 4))
                {
                    case 0:
                        var b = random.Bytes(1)[0];
                        state.UpdateByte(b);
                        all.Add(b);
                        break;
                    case 1:
                        var word = random.Bytes(4);
                        state.UpdateWord(((uint)word[0] << 24) | ((uint)word[1] << 16) | ((uint)word[2] << 8) | word[3]);
                        all.AddRange(word);
                        break;
                    case 2:
                        var digestBytes = random.Bytes(32);
                        state.UpdateDigest(Digest256.FromBytes(digestBytes));
                        all.AddRange(digestBytes);
                        break;
                    default:
                        var chunk = random.Bytes(random.Next(0, 150));
                        state.Update(chunk);
                        all.AddRange(chunk);
                        break;
                }
            }

            Assert.Equal((ulong)all.Count, state.Length);
            Assert.Equal(Oracles.Sha256([.. all]), state.Finish().ToArray());
        }
    }

    [Fact]
    public void Double_sha256_matches_dotnet_applied_twice()
    {
        var random = new RandomMessages(output);
        for (int n = 0; n < 100 * RandomMessages.Scale; n++)
        {
            var data = random.Bytes(random.Next(0, 400));
            var digest = new byte[32];
            DoubleSha256.ComputeHash(data, digest);
            Assert.Equal(Oracles.DoubleSha256(data), digest);
        }
    }

    [Fact]
    public void Digest_round_trips_through_bytes()
    {
        var bytes = Oracles.Sha256("round trip"u8);
        var digest = Digest256.FromBytes(bytes);
        Assert.Equal(0x0u + ((uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3]), digest.W0);
        Assert.Equal(bytes, digest.ToArray());
        Assert.Equal(Convert.ToHexStringLower(bytes), digest.ToString());
    }

    private static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var digest = new byte[32];
        Sha256.ComputeHash(data, digest);
        return digest;
    }
}
