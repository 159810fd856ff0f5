using System.Numerics;
using GpuValidate.Kernels.Secp256k1;
using Xunit.Abstractions;

namespace GpuValidate.Kernels.Tests.Secp256k1;

public sealed class GroupTests(ITestOutputHelper output)
{
    private static BigPoint? Of(in JacobianPoint p)
    {
        if (p.IsInfinity)
        {
            return null;
        }

        var a = JacobianPoint.ToAffine(p);
        return new BigPoint(BigRef.Of(a.X), BigRef.Of(a.Y));
    }

    private static AffinePoint Affine(BigPoint p) => new(BigRef.Fe(p.X), BigRef.Fe(p.Y));

    [Fact]
    public void Double_add_and_mixed_add_match_the_affine_reference_including_the_special_cases()
    {
        var random = SeededRandom.Create(output);
        for (int i = 0; i < 8 * SeededRandom.Scale; i++)
        {
            var a = BigPoint.Mul(BigRef.Random(random, BigRef.N - 1) + 1, BigPoint.G)!;
            var b = BigPoint.Mul(BigRef.Random(random, BigRef.N - 1) + 1, BigPoint.G)!;

            // A Jacobian form with Z != 1, so the formulas see a general input.
            var ja = JacobianPoint.Double(JacobianPoint.FromAffine(Affine(a)));
            var a2 = BigPoint.Add(a, a);
            Assert.Equal(a2, Of(ja));
            Assert.Equal(BigPoint.Add(a2, b), Of(JacobianPoint.AddMixed(ja, Affine(b))));
            Assert.Equal(BigPoint.Add(a2, b), Of(JacobianPoint.Add(ja, JacobianPoint.FromAffine(Affine(b)))));

            // a2 + a2 through the addition formulas is a doubling; a2 + (-a2) is infinity.
            Assert.Equal(BigPoint.Add(a2, a2), Of(JacobianPoint.AddMixed(ja, Affine(a2!))));
            Assert.Equal(BigPoint.Add(a2, a2), Of(JacobianPoint.Add(ja, ja)));
            Assert.True(JacobianPoint.AddMixed(ja, Affine(BigPoint.Negate(a2)!)).IsInfinity);
            Assert.True(JacobianPoint.Add(ja, JacobianPoint.Negate(ja)).IsInfinity);
            Assert.Equal(b, Of(JacobianPoint.AddMixed(JacobianPoint.Infinity, Affine(b))));
            Assert.Equal(a2, Of(JacobianPoint.Add(ja, JacobianPoint.Infinity)));
            Assert.True(JacobianPoint.Double(JacobianPoint.Infinity).IsInfinity);
        }
    }

    [Fact]
    public void Double_base_multiplication_matches_the_reference_on_random_and_edge_scalars()
    {
        var random = SeededRandom.Create(output);
        var q = BigPoint.Mul(BigRef.Random(random, BigRef.N - 1) + 1, BigPoint.G)!;
        var scalars = new List<(BigInteger U1, BigInteger U2)>
        {
            (0, 0), (1, 0), (0, 1), (BigRef.N - 1, 0), (0, BigRef.N - 1), (BigRef.N - 1, BigRef.N - 1), (255, 15), (256, 16),
        };
        for (int i = 0; i < 4 * SeededRandom.Scale; i++)
        {
            scalars.Add((BigRef.Random(random, BigRef.N), BigRef.Random(random, BigRef.N)));
        }

        foreach (var (u1, u2) in scalars)
        {
            var expected = BigPoint.Add(BigPoint.Mul(u1, BigPoint.G), BigPoint.Mul(u2, q));
            var actual = EcMult.DoubleBase(HostGeneratorTable.Shared, BigRef.Sc(u1), Affine(q), BigRef.Sc(u2));
            Assert.Equal(expected, Of(actual));
        }

        // u1 G + u2 Q = infinity when Q = G and u2 = n - u1.
        var k = BigRef.Random(random, BigRef.N - 1) + 1;
        Assert.True(EcMult.DoubleBase(HostGeneratorTable.Shared, BigRef.Sc(k), AffinePoint.Generator, BigRef.Sc(BigRef.N - k)).IsInfinity);
    }

    [Fact]
    public void Sec1_decoding_accepts_curve_points_and_rejects_off_curve_and_unreduced_coordinates()
    {
        var random = SeededRandom.Create(output);
        var q = BigPoint.Mul(BigRef.Random(random, BigRef.N - 1) + 1, BigPoint.G)!;
        var x = BigRef.ToDigest(q.X);
        var y = BigRef.ToDigest(q.Y);
        int parity = q.Y.IsEven ? 2 : 3;

        Assert.True(AffinePoint.TryDecode(4, x, y, 65, out var full));
        Assert.Equal(q, new BigPoint(BigRef.Of(full.X), BigRef.Of(full.Y)));
        Assert.True(AffinePoint.TryDecode(parity, x, default, 33, out var compressed));
        Assert.Equal(q, new BigPoint(BigRef.Of(compressed.X), BigRef.Of(compressed.Y)));
        Assert.True(AffinePoint.TryDecode(5 - parity, x, default, 33, out var other));
        Assert.Equal(BigPoint.Negate(q), new BigPoint(BigRef.Of(other.X), BigRef.Of(other.Y)));

        Assert.False(AffinePoint.TryDecode(4, x, BigRef.ToDigest(q.Y + 1), 65, out _));
        Assert.False(AffinePoint.TryDecode(4, x, BigRef.ToDigest(BigRef.P), 65, out _));
        Assert.False(AffinePoint.TryDecode(4, x, y, 33, out _));
        Assert.False(AffinePoint.TryDecode(2, x, y, 65, out _));
        Assert.False(AffinePoint.TryDecode(6, x, y, 65, out _));
        Assert.False(AffinePoint.TryDecode(parity, x, y, 64, out _));

        // x >= p is refused even where x - p would be a valid x.
        var small = FindX(random, IsX);
        Assert.True(AffinePoint.TryDecode(2, BigRef.ToDigest(small), default, 33, out _));
        Assert.False(AffinePoint.TryDecode(2, BigRef.ToDigest(small + BigRef.P), default, 33, out _));
        Assert.False(AffinePoint.TryLiftX(BigRef.ToDigest(small + BigRef.P), out _));

        // An x with no curve point.
        var noPoint = FindX(random, v => !IsX(v));
        Assert.False(AffinePoint.TryDecode(2, BigRef.ToDigest(noPoint), default, 33, out _));
        Assert.False(AffinePoint.TryLiftX(BigRef.ToDigest(noPoint), out _));
    }

    [Fact]
    public void LiftX_picks_the_even_y()
    {
        var random = SeededRandom.Create(output);
        for (int i = 0; i < 5; i++)
        {
            var q = BigPoint.Mul(BigRef.Random(random, BigRef.N - 1) + 1, BigPoint.G)!;
            Assert.True(AffinePoint.TryLiftX(BigRef.ToDigest(q.X), out var lifted));
            var evenY = q.Y.IsEven ? q.Y : BigRef.P - q.Y;
            Assert.Equal(evenY, BigRef.Of(lifted.Y));
        }
    }

    [Fact]
    public void Generator_table_entries_are_the_multiples_of_G()
    {
        var table = HostGeneratorTable.Shared;
        var random = SeededRandom.Create(output);
        var entries = new List<(int W, int D)> { (0, 1), (0, 2), (0, 255), (1, 1), (5, 77), (31, 255), (31, 1) };
        entries.AddRange(Enumerable.Range(0, 8).Select(_ => (random.Next(32), random.Next(1, 256))));
        foreach (var (w, d) in entries)
        {
            var expected = BigPoint.Mul(d * BigInteger.Pow(256, w), BigPoint.G);
            var entry = table.Get(w, d);
            Assert.Equal(expected, new BigPoint(BigRef.Of(entry.X), BigRef.Of(entry.Y)));
        }
    }

    private static bool IsX(BigInteger x)
    {
        var rhs = BigRef.Mod((x * x * x) + 7, BigRef.P);
        return rhs.IsZero || BigInteger.ModPow(rhs, (BigRef.P - 1) / 2, BigRef.P).IsOne;
    }

    // The first value from a small random start that satisfies the predicate; small enough that value + p < 2^256.
    private static BigInteger FindX(Random random, Func<BigInteger, bool> predicate)
    {
        BigInteger v = random.Next(1, 1000);
        while (!predicate(v))
        {
            v++;
        }

        return v;
    }

    [Fact]
    public void Glv_constants_are_the_endomorphism_and_the_split_is_exact_and_short()
    {
        var random = SeededRandom.Create(output);
        var lambda = BigRef.Of(Scalar.Lambda);
        var beta = BigRef.Of(EcMult.Beta);
        Assert.Equal(BigInteger.One, BigInteger.ModPow(lambda, 3, BigRef.N));
        Assert.Equal(BigInteger.One, BigInteger.ModPow(beta, 3, BigRef.P));
        Assert.Equal(new BigPoint(beta * BigRef.Gx % BigRef.P, BigRef.Gy), BigPoint.Mul(lambda, BigPoint.G));

        var bound = BigInteger.One << 128;
        foreach (var k in BigRef.Samples(random, BigRef.N, 200 * SeededRandom.Scale))
        {
            Scalar.SplitLambda(BigRef.Sc(k), out var k1, out var k2);
            var a = BigRef.Of(k1);
            var b = BigRef.Of(k2);
            Assert.Equal(k, BigRef.Mod(a + (b * lambda), BigRef.N));
            Assert.True(BigInteger.Min(a, BigRef.N - a) < bound, $"k1 of {k} is not short");
            Assert.True(BigInteger.Min(b, BigRef.N - b) < bound, $"k2 of {k} is not short");
        }
    }

    [Fact]
    public void Glv_multiplication_matches_the_plain_windowed_multiplication()
    {
        var random = SeededRandom.Create(output);
        var q = Affine(BigPoint.Mul(BigRef.Random(random, BigRef.N - 1) + 1, BigPoint.G)!);
        foreach (var k in BigRef.Samples(random, BigRef.N, 20 * SeededRandom.Scale))
        {
            var glv = EcMult.DoubleBase(HostGeneratorTable.Shared, Scalar.Zero, q, BigRef.Sc(k));
            var plain = EcMult.MultiplyPlain(q, BigRef.Sc(k));
            Assert.Equal(Of(plain), Of(glv));
        }
    }

    [Fact]
    public void Multiple_tables_hold_d_times_Q_at_digit_d()
    {
        var random = SeededRandom.Create(output);
        var big = BigPoint.Mul(BigRef.Random(random, BigRef.N - 1) + 1, BigPoint.G)!;
        var q = Affine(big);
        var full = MultipleTable.Build(q);
        var half = HalfTable.Build(q);
        for (int d = 1; d <= 15; d++)
        {
            var expected = BigPoint.Mul(d, big);
            Assert.Equal(expected, Of(full.Get(d)));
            if (d <= 8)
            {
                Assert.Equal(expected, Of(half.Get(d)));
            }
        }
    }
}
