using GpuValidate.Kernels.Hashing;

namespace GpuValidate.Kernels.Tests.Hashing;

public sealed class Sha256NistTests
{
    public static TheoryData<string, string, string> ShortMessages() => Rows("SHA256ShortMsg.rsp");

    public static TheoryData<string, string, string> LongMessages() => Rows("SHA256LongMsg.rsp");

    [Fact]
    public void Vector_files_hold_the_expected_number_of_cases()
    {
        // 65 short (0..512 bits in bytes) and 64 long messages in CAVS 11.0.
        Assert.Equal(65, ShavsVectors.Load("SHA256ShortMsg.rsp").Count());
        Assert.Equal(64, ShavsVectors.Load("SHA256LongMsg.rsp").Count());
    }

    [Theory]
    [MemberData(nameof(ShortMessages))]
    public void Short_message_vector(string name, string messageHex, string digestHex) => Check(name, messageHex, digestHex);

    [Theory]
    [MemberData(nameof(LongMessages))]
    public void Long_message_vector(string name, string messageHex, string digestHex) => Check(name, messageHex, digestHex);

    private static void Check(string name, string messageHex, string digestHex)
    {
        var digest = new byte[32];
        Sha256.ComputeHash(Convert.FromHexString(messageHex), digest);
        Assert.True(Convert.FromHexString(digestHex).AsSpan().SequenceEqual(digest), name);
    }

    private static TheoryData<string, string, string> Rows(string file)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var v in ShavsVectors.Load(file))
        {
            data.Add(v.Name, Convert.ToHexString(v.Message), Convert.ToHexString(v.Digest));
        }

        return data;
    }
}
