using GpuValidate.Ethereum.Primitives;
using GpuValidate.Ethereum.Rlp;

namespace GpuValidate.Ethereum.Tests.Rlp;

/// <summary>The examples of the RLP specification (Ethereum wiki / yellow paper appendix B).</summary>
public sealed class RlpSpecVectorTests
{
    private const string Lorem = "Lorem ipsum dolor sit amet, consectetur adipisicing elit";

    [Theory]
    [InlineData("dog", "83646f67")]
    [InlineData("", "80")]
    [InlineData("a", "61")]
    [InlineData(Lorem, "b838" + "4c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e7365637465747572206164697069736963696e6720656c6974")]
    public void Byte_strings_encode_and_decode_as_the_spec_says(string text, string expectedHex)
    {
        var value = System.Text.Encoding.ASCII.GetBytes(text);
        var encoded = new byte[RlpWriter.LengthOfBytes(value)];
        var writer = new RlpWriter(encoded);
        writer.WriteBytes(value);
        Assert.Equal(expectedHex, Convert.ToHexStringLower(encoded));

        var reader = new RlpReader(Convert.FromHexString(expectedHex));
        Assert.True(reader.TryReadBytes(out var decoded));
        Assert.True(reader.IsEnd);
        Assert.Equal(value, decoded.ToArray());
    }

    [Theory]
    [InlineData(0UL, "80")]
    [InlineData(15UL, "0f")]
    [InlineData(1024UL, "820400")]
    [InlineData(0x7fUL, "7f")]
    [InlineData(0x80UL, "8180")]
    [InlineData(ulong.MaxValue, "88ffffffffffffffff")]
    public void Integers_encode_and_decode_as_the_spec_says(ulong value, string expectedHex)
    {
        var encoded = new byte[RlpWriter.LengthOfUInt64(value)];
        var writer = new RlpWriter(encoded);
        writer.WriteUInt64(value);
        Assert.Equal(expectedHex, Convert.ToHexStringLower(encoded));

        var reader = new RlpReader(encoded);
        Assert.True(reader.TryReadUInt64(out var decoded));
        Assert.Equal(value, decoded);

        var big = new byte[RlpWriter.LengthOfUInt256(value)];
        var bigWriter = new RlpWriter(big);
        bigWriter.WriteUInt256(value);
        Assert.Equal(expectedHex, Convert.ToHexStringLower(big));
    }

    [Fact]
    public void Cat_dog_list_matches_the_spec()
    {
        var cat = "cat"u8;
        var dog = "dog"u8;
        var payload = RlpWriter.LengthOfBytes(cat) + RlpWriter.LengthOfBytes(dog);
        var encoded = new byte[RlpWriter.LengthOfList(payload)];
        var writer = new RlpWriter(encoded);
        writer.WriteListHeader(payload);
        writer.WriteBytes(cat);
        writer.WriteBytes(dog);
        Assert.Equal("c88363617483646f67", Convert.ToHexStringLower(encoded));

        var reader = new RlpReader(encoded);
        Assert.True(reader.TryReadList(out var items));
        Assert.True(items.TryReadBytes(out var first));
        Assert.True(items.TryReadBytes(out var second));
        Assert.True(items.IsEnd);
        Assert.Equal("cat"u8.ToArray(), first.ToArray());
        Assert.Equal("dog"u8.ToArray(), second.ToArray());
    }

    [Fact]
    public void Set_theoretic_three_matches_the_spec()
    {
        // [ [], [[]], [ [], [[]] ] ]
        var bytes = Convert.FromHexString("c7c0c1c0c3c0c1c0");
        var reader = new RlpReader(bytes);
        Assert.True(reader.TryReadList(out var outer));
        Assert.True(reader.IsEnd);
        Assert.True(outer.TryReadList(out var empty));
        Assert.True(empty.IsEnd);
        Assert.True(outer.TryReadList(out var one));
        Assert.True(one.TryReadList(out _));
        Assert.True(outer.TryReadList(out var two));
        Assert.True(two.TryReadList(out _));
        Assert.True(two.TryReadList(out _));
        Assert.True(outer.IsEnd);
    }

    [Fact]
    public void Address_and_uint256_round_trip()
    {
        var address = Address.Parse("0x095e7baea6a6c7c4c2dfeb977efac326af552d87");
        var value = UInt256.MaxValue;
        var payload = RlpWriter.LengthOfAddress() + RlpWriter.LengthOfUInt256(value) + RlpWriter.LengthOfOptionalAddress(null);
        var encoded = new byte[RlpWriter.LengthOfList(payload)];
        var writer = new RlpWriter(encoded);
        writer.WriteListHeader(payload);
        writer.WriteAddress(address);
        writer.WriteUInt256(value);
        writer.WriteOptionalAddress(null);
        Assert.Equal(encoded.Length, writer.Position);

        var reader = new RlpReader(encoded);
        Assert.True(reader.TryReadList(out var items));
        Assert.True(items.TryReadAddress(out var a));
        Assert.True(items.TryReadUInt256(out var v));
        Assert.True(items.TryReadOptionalAddress(out var none));
        Assert.Equal(address, a);
        Assert.Equal(value, v);
        Assert.Null(none);
    }
}
