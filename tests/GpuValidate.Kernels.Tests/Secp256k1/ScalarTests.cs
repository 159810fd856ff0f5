using System.Numerics;
using GpuValidate.Kernels.Secp256k1;
using Xunit.Abstractions;

namespace GpuValidate.Kernels.Tests.Secp256k1;

public sealed class ScalarTests(ITestOutputHelper output)
{
    private static readonly BigInteger N = BigRef.N;

    [Fact]
    public void Add_mul_sqr_negate_match_BigInteger_on_boundary_and_random_values()
    {
        var random = SeededRandom.Create(output);
        var values = BigRef.Samples(random, N, 40 * SeededRandom.Scale).ToList();
        foreach (var a in values)
        {
            var sa = BigRef.Sc(a);
            Assert.Equal(a, BigRef.Of(sa));
            Assert.Equal(BigRef.Mod(-a, N), BigRef.Of(Scalar.Negate(sa)));
            Assert.Equal(a * a % N, BigRef.Of(Scalar.Sqr(sa)));
            foreach (var b in values.Take(25))
            {
                var sb = BigRef.Sc(b);
                Assert.Equal((a + b) % N, BigRef.Of(Scalar.Add(sa, sb)));
                Assert.Equal(a * b % N, BigRef.Of(Scalar.Mul(sa, sb)));
            }
        }
    }

    [Fact]
    public void Inv_matches_BigInteger_ModPow()
    {
        var random = SeededRandom.Create(output);
        foreach (var a in BigRef.Samples(random, N, 10 * SeededRandom.Scale).Where(v => !v.IsZero))
        {
            Assert.Equal(BigInteger.ModPow(a, N - 2, N), BigRef.Of(Scalar.Inv(BigRef.Sc(a))));
        }
    }

    [Fact]
    public void Reduction_from_32_bytes_accepts_every_value_up_to_2_pow_256()
    {
        var random = SeededRandom.Create(output);
        var values = new List<BigInteger> { N, N + 1, BigRef.Max256, N - 1, BigInteger.Zero };
        values.AddRange(Enumerable.Range(0, 20).Select(_ => BigRef.Random(random, BigRef.Max256 + 1)));
        foreach (var v in values)
        {
            var digest = BigRef.ToDigest(v);
            Assert.Equal(v % N, BigRef.Of(Scalar.FromDigest(digest)));
            Assert.Equal(v < N, Scalar.IsBelowOrder(digest));
            Assert.Equal(v > 0 && v < N, Scalar.IsValidNonZero(digest));
        }
    }

    [Fact]
    public void IsHigh_is_true_exactly_above_half_the_order()
    {
        var half = N / 2;
        foreach (var v in new[] { half - 1, half, half + 1, N - 1, BigInteger.One, BigInteger.Zero, half + (BigInteger.One << 128) })
        {
            Assert.Equal(v > half, BigRef.Sc(v).IsHigh);
        }
    }

    [Fact]
    public void Nibbles_and_bytes_read_the_little_end_first()
    {
        var random = SeededRandom.Create(output);
        var v = BigRef.Random(random, N);
        var s = BigRef.Sc(v);
        for (int i = 0; i < 64; i++)
        {
            Assert.Equal((int)((v >> (4 * i)) & 0xF), s.Nibble(i));
        }

        for (int i = 0; i < 32; i++)
        {
            Assert.Equal((int)((v >> (8 * i)) & 0xFF), s.Byte(i));
        }
    }

    [Fact]
    public void Byte_encodings_round_trip_and_values_at_or_above_n_are_refused()
    {
        var random = SeededRandom.Create(output);
        foreach (var v in BigRef.Samples(random, N, 10))
        {
            Assert.True(Scalar.TryFromBytes(BigRef.ToBytes(v), out var s));
            Assert.Equal(BigRef.ToBytes(v), s.ToBytes());
            Assert.Equal(BigRef.Sc(v), s);
        }

        Assert.False(Scalar.TryFromBytes(BigRef.ToBytes(N), out _));
        Assert.False(Scalar.TryFromBytes(BigRef.ToBytes(BigRef.Max256), out _));
    }

    [Fact]
    public void Scalar_powers_hold_a_to_the_e_at_index_e()
    {
        var random = SeededRandom.Create(output);
        var a = BigRef.Random(random, BigRef.N);
        var powers = ScalarPowers.Build(BigRef.Sc(a));
        for (int e = 1; e <= 15; e++)
        {
            Assert.Equal(BigInteger.ModPow(a, e, N), BigRef.Of(powers.Get(e)));
        }
    }
}
