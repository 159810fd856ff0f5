using System.Buffers.Binary;
using System.Numerics;
using GpuValidate.Kernels.Secp256k1;
using Xunit.Abstractions;

namespace GpuValidate.Kernels.Tests.Secp256k1;

public sealed class Wide512Tests(ITestOutputHelper output)
{
    private static readonly BigInteger Limit = BigRef.Max256 + 1;

    [Fact]
    public void Mul_and_Sqr_give_the_full_512_bit_product_of_any_256_bit_values()
    {
        var random = SeededRandom.Create(output);
        var values = BigRef.Samples(random, Limit, 30 * SeededRandom.Scale).ToList();
        foreach (var a in values)
        {
            var x = Limbs(a);
            Assert.Equal(a * a, Of(Wide512.Sqr(x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7])));
            foreach (var b in values.Take(25))
            {
                var y = Limbs(b);
                var product = Wide512.Mul(x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], y[0], y[1], y[2], y[3], y[4], y[5], y[6], y[7]);
                Assert.Equal(a * b, Of(product));
            }
        }
    }

    [Fact]
    public void MulShift384_rounds_the_top_of_the_product_to_nearest()
    {
        var random = SeededRandom.Create(output);
        var values = BigRef.Samples(random, BigRef.N, 30 * SeededRandom.Scale).ToList();
        foreach (var a in values)
        {
            foreach (var b in values.Take(25))
            {
                var expected = ((a * b) + (BigInteger.One << 383)) >> 384;
                Assert.Equal(expected, BigRef.Of(Scalar.MulShift384(BigRef.Sc(a), BigRef.Sc(b))));
            }
        }
    }

    // Limbs least significant first, from BigInteger's own little-endian bytes.
    private static uint[] Limbs(BigInteger value)
    {
        var bytes = new byte[32];
        value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        var limbs = new uint[8];
        for (int i = 0; i < 8; i++)
        {
            limbs[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4 * i));
        }

        return limbs;
    }

    private static BigInteger Of(in Wide512 w)
    {
        uint[] limbs = [w.W0, w.W1, w.W2, w.W3, w.W4, w.W5, w.W6, w.W7, w.W8, w.W9, w.W10, w.W11, w.W12, w.W13, w.W14, w.W15];
        var value = BigInteger.Zero;
        for (int i = 15; i >= 0; i--)
        {
            value = (value << 32) | limbs[i];
        }

        return value;
    }
}
