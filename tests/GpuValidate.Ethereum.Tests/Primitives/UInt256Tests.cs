using System.Numerics;
using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.Ethereum.Tests.Primitives;

public sealed class UInt256Tests
{
    private static readonly BigInteger Modulus = BigInteger.One << 256;

    private static BigInteger RandomValue(Random random)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        // Mix in short values and extremes so carries across every limb are exercised.
        var length = random.Next(4) switch { 0 => 32, 1 => 8, 2 => 16, _ => random.Next(33) };
        if (random.Next(8) == 0)
        {
            Array.Fill(bytes, (byte)0xFF);
        }

        return new BigInteger(bytes.AsSpan(0, length), isUnsigned: true, isBigEndian: true);
    }

    private static UInt256 From(BigInteger value) =>
        UInt256.TryFromBigInteger(value, out var result) ? result : throw new ArgumentOutOfRangeException(nameof(value));

    [Fact]
    public void Add_subtract_multiply_match_BigInteger_on_random_values()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        for (var i = 0; i < 5000; i++)
        {
            var a = RandomValue(random);
            var b = RandomValue(random);
            var x = From(a);
            var y = From(b);

            Assert.Equal(a + b < Modulus, UInt256.TryAdd(x, y, out var sum));
            Assert.True((a + b) % Modulus == sum.ToBigInteger(), $"add, seed {seed}");
            Assert.Equal(a >= b, UInt256.TrySubtract(x, y, out var difference));
            Assert.True(((a - b) % Modulus + Modulus) % Modulus == difference.ToBigInteger(), $"sub, seed {seed}");
            Assert.Equal(a * b < Modulus, UInt256.TryMultiply(x, y, out var product));
            Assert.True(a * b % Modulus == product.ToBigInteger(), $"mul, seed {seed}");
            Assert.Equal(a.CompareTo(b), x.CompareTo(y));
        }
    }

    [Theory]
    [InlineData("0x0", "0")]
    [InlineData("0x01", "1")]
    [InlineData("1000000000000000000", "1000000000000000000")]
    [InlineData("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "115792089237316195423570985008687907853269984665640564039457584007913129639935")]
    public void Parses_hex_and_decimal(string text, string expectedDecimal)
    {
        Assert.True(UInt256.TryParse(text, out var value));
        Assert.Equal(expectedDecimal, value.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("0x")]
    [InlineData("-1")]
    [InlineData("0x1g")]
    [InlineData("0x10000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("115792089237316195423570985008687907853269984665640564039457584007913129639936")]
    public void Rejects_malformed_or_oversized_text(string text)
    {
        Assert.False(UInt256.TryParse(text, out _));
    }

    [Fact]
    public void Minimal_big_endian_has_no_leading_zeros()
    {
        Span<byte> buffer = stackalloc byte[32];
        Assert.Equal(0, UInt256.Zero.WriteMinimalBigEndian(buffer));
        Assert.Equal(2, new UInt256(0x1234).WriteMinimalBigEndian(buffer));
        Assert.Equal(new byte[] { 0x12, 0x34 }, buffer[..2].ToArray());
        Assert.Equal("0x1234", new UInt256(0x1234).ToHexString());
    }
}
