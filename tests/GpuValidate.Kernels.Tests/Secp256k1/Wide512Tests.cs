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
            var x = new Operand(a);
            Assert.Equal(a * a, Wide512.Sqr<Operand, Operand>(x).Product);
            foreach (var b in values.Take(25))
            {
                Assert.Equal(a * b, Wide512.Mul<Operand, Operand>(x, new Operand(b)).Product);
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

    // A 256-bit operand that keeps the whole 512-bit product as its "reduction", read back through BigInteger.
    private readonly struct Operand : ILimbs256, IWideReduction<Operand>
    {
        private readonly uint[] _limbs;

        public Operand(BigInteger value)
        {
            var bytes = new byte[32];
            Assert.True(value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false));
            _limbs = new uint[8];
            for (int i = 0; i < 8; i++)
            {
                _limbs[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4 * i));
            }

            Product = BigInteger.Zero;
        }

        private Operand(in Wide512 w)
        {
            _limbs = [];
            uint[] limbs = [w.W0, w.W1, w.W2, w.W3, w.W4, w.W5, w.W6, w.W7, w.W8, w.W9, w.W10, w.W11, w.W12, w.W13, w.W14, w.W15];
            var value = BigInteger.Zero;
            for (int i = 15; i >= 0; i--)
            {
                value = (value << 32) | limbs[i];
            }

            Product = value;
        }

        public BigInteger Product { get; }

        public uint L0 => _limbs[0];

        public uint L1 => _limbs[1];

        public uint L2 => _limbs[2];

        public uint L3 => _limbs[3];

        public uint L4 => _limbs[4];

        public uint L5 => _limbs[5];

        public uint L6 => _limbs[6];

        public uint L7 => _limbs[7];

        public Operand Reduce(in Wide512 product) => new(product);
    }
}
