using System.Numerics;
using GpuValidate.Kernels.Secp256k1;
using Xunit.Abstractions;

namespace GpuValidate.Kernels.Tests.Secp256k1;

public sealed class FieldElementTests(ITestOutputHelper output)
{
    private static readonly BigInteger P = BigRef.P;

    [Fact]
    public void Add_sub_mul_sqr_negate_match_BigInteger_on_boundary_and_random_values()
    {
        var random = SeededRandom.Create(output);
        var values = BigRef.Samples(random, P, 40 * SeededRandom.Scale).ToList();
        foreach (var a in values)
        {
            var fa = BigRef.Fe(a);
            Assert.Equal(a, BigRef.Of(fa));
            Assert.Equal(BigRef.Mod(-a, P), BigRef.Of(FieldElement.Negate(fa)));
            Assert.Equal(a * a % P, BigRef.Of(FieldElement.Sqr(fa)));
            foreach (var b in values.Take(25))
            {
                var fb = BigRef.Fe(b);
                Assert.Equal((a + b) % P, BigRef.Of(FieldElement.Add(fa, fb)));
                Assert.Equal(BigRef.Mod(a - b, P), BigRef.Of(FieldElement.Sub(fa, fb)));
                Assert.Equal(a * b % P, BigRef.Of(FieldElement.Mul(fa, fb)));
            }
        }
    }

    [Fact]
    public void Inv_matches_BigInteger_ModPow_and_maps_zero_to_zero()
    {
        var random = SeededRandom.Create(output);
        Assert.True(FieldElement.Inv(FieldElement.Zero).IsZero);
        foreach (var a in BigRef.Samples(random, P, 20 * SeededRandom.Scale).Where(v => !v.IsZero))
        {
            Assert.Equal(BigInteger.ModPow(a, P - 2, P), BigRef.Of(FieldElement.Inv(BigRef.Fe(a))));
        }
    }

    [Fact]
    public void Sqrt_finds_a_root_exactly_for_squares()
    {
        var random = SeededRandom.Create(output);
        foreach (var a in BigRef.Samples(random, P, 40 * SeededRandom.Scale))
        {
            bool isSquare = a.IsZero || BigInteger.ModPow(a, (P - 1) / 2, P).IsOne;
            bool found = FieldElement.Sqrt(BigRef.Fe(a), out var root);
            Assert.Equal(isSquare, found);
            if (found)
            {
                Assert.Equal(a, BigInteger.ModPow(BigRef.Of(root), 2, P));
            }
        }
    }

    [Fact]
    public void Encodings_at_or_above_p_are_not_canonical_and_reduce_mod_p()
    {
        foreach (var v in new[] { P, P + 1, BigRef.Max256, P - 1, BigInteger.Zero })
        {
            var digest = BigRef.ToDigest(v);
            Assert.Equal(v < P, FieldElement.IsBelowPrime(digest));
            Assert.Equal(v % P, BigRef.Of(FieldElement.FromDigest(digest)));
        }
    }

    [Fact]
    public void Equality_parity_and_zero_follow_the_value()
    {
        var a = BigRef.Fe(P - 1);
        Assert.True(FieldElement.AreEqual(a, FieldElement.Negate(FieldElement.One)));
        Assert.False(FieldElement.AreEqual(a, FieldElement.One));
        Assert.False(a.IsOdd);
        Assert.True(FieldElement.One.IsOdd);
        Assert.True(FieldElement.Add(a, FieldElement.One).IsZero);
    }

    [Fact]
    public void Byte_encodings_round_trip_and_values_at_or_above_p_are_refused()
    {
        var random = SeededRandom.Create(output);
        foreach (var v in BigRef.Samples(random, P, 10))
        {
            Assert.True(FieldElement.TryFromBytes(BigRef.ToBytes(v), out var fe));
            Assert.Equal(BigRef.ToBytes(v), fe.ToBytes());
            Assert.Equal(Convert.ToHexStringLower(BigRef.ToBytes(v)), fe.ToString());
        }

        Assert.False(FieldElement.TryFromBytes(BigRef.ToBytes(P), out _));
        Assert.False(FieldElement.TryFromBytes(BigRef.ToBytes(BigRef.Max256), out _));
    }
}
