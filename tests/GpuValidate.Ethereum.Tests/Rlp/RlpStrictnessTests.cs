using GpuValidate.Ethereum.Rlp;

namespace GpuValidate.Ethereum.Tests.Rlp;

/// <summary>Non-canonical encodings that go-ethereum's and Nethermind's decoders reject.</summary>
public sealed class RlpStrictnessTests
{
    [Theory]
    [InlineData("8100", RlpError.NonCanonicalSize)] // a byte below 0x80 wrapped
    [InlineData("817f", RlpError.NonCanonicalSize)]
    [InlineData("b80100", RlpError.NonCanonicalSize)] // long form for 1 byte
    [InlineData("b837" + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000", RlpError.NonCanonicalSize)] // long form for 55
    [InlineData("b90038" + "00", RlpError.NonCanonicalSize)] // length with a leading zero
    [InlineData("f800", RlpError.NonCanonicalSize)]
    [InlineData("", RlpError.EndOfInput)]
    [InlineData("83646f", RlpError.Truncated)]
    [InlineData("b8", RlpError.Truncated)]
    [InlineData("bf", RlpError.Truncated)]
    [InlineData("bfffffffffffffffff00", RlpError.Truncated)] // claims 2^64 - 1 bytes
    [InlineData("bb7fffffff00", RlpError.Truncated)] // claims 2 GiB
    [InlineData("c2", RlpError.Truncated)]
    public void Rejects_non_canonical_or_truncated_items(string hex, RlpError expected)
    {
        var reader = new RlpReader(Convert.FromHexString(hex));
        Assert.False(reader.TrySkip());
        Assert.Equal(expected, reader.Error);
        Assert.Equal(0, reader.Position);
    }

    [Theory]
    [InlineData("00", RlpError.NonCanonicalInteger)]
    [InlineData("820001", RlpError.NonCanonicalInteger)]
    [InlineData("89010000000000000000", RlpError.IntegerOverflow)]
    [InlineData("c0", RlpError.ExpectedString)]
    public void Rejects_bad_uint64(string hex, RlpError expected)
    {
        var reader = new RlpReader(Convert.FromHexString(hex));
        Assert.False(reader.TryReadUInt64(out _));
        Assert.Equal(expected, reader.Error);
    }

    [Fact]
    public void Rejects_uint256_longer_than_32_bytes()
    {
        var bytes = new byte[34];
        bytes[0] = 0x80 + 33;
        bytes[1] = 1;
        var reader = new RlpReader(bytes);
        Assert.False(reader.TryReadUInt256(out _));
        Assert.Equal(RlpError.IntegerOverflow, reader.Error);
    }

    [Theory]
    [InlineData("80")]
    [InlineData("93" + "00112233445566778899aabbccddeeff001122")]
    [InlineData("95" + "00112233445566778899aabbccddeeff0011223344")]
    public void Address_must_be_exactly_20_bytes(string hex)
    {
        var reader = new RlpReader(Convert.FromHexString(hex));
        Assert.False(reader.TryReadAddress(out _));
        Assert.Equal(RlpError.WrongLength, reader.Error);
    }

    [Fact]
    public void List_items_cannot_overrun_their_list()
    {
        // The list claims 2 bytes but its item claims 3.
        var reader = new RlpReader(Convert.FromHexString("c283646f67"));
        Assert.True(reader.TryReadList(out var items));
        Assert.False(items.TryReadBytes(out _));
        Assert.Equal(RlpError.Truncated, items.Error);
    }

    [Fact]
    public void Trailing_bytes_are_reported()
    {
        var reader = new RlpReader(Convert.FromHexString("8080"));
        Assert.True(reader.TrySkip());
        Assert.False(reader.TryEnsureEnd());
        Assert.Equal(RlpError.TrailingBytes, reader.Error);
    }
}
