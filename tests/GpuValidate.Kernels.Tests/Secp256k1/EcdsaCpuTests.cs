using GpuValidate.Kernels.Secp256k1;
using GpuValidate.TestVectors;
using Xunit.Abstractions;

namespace GpuValidate.Kernels.Tests.Secp256k1;

/// <summary>ECDSA verify on the CPU path of the kernel arithmetic, against NBitcoin.Secp256k1 and the Wycheproof suites.</summary>
public sealed class EcdsaCpuTests(ITestOutputHelper output)
{
    public static TheoryData<string> WycheproofFiles() => [.. WycheproofEcdsa.AllFiles];

    [Fact]
    public void Random_signatures_and_one_bit_mutations_match_libsecp256k1_and_NBitcoin()
    {
        var random = SeededRandom.Create(output);
        var items = SignatureCases.RandomEcdsa(random, 1000 * SeededRandom.Scale);
        AssertAll(items);
        Assert.Contains(items, i => i.Expected == SignatureStatus.Valid);
        Assert.Contains(items, i => i.Expected == SignatureStatus.BadSignature);
        Assert.Contains(items, i => i.Expected == SignatureStatus.BadPublicKey);
        Assert.Contains(items, i => i.Expected == SignatureStatus.HighS);
    }

    [Fact]
    public void Edge_cases_match_libsecp256k1_and_NBitcoin()
    {
        var items = SignatureCases.EcdsaEdges(SeededRandom.Create(output));
        AssertAll(items);
    }

    [Fact]
    public void Signatures_whose_R_has_x_equal_r_plus_n_verify()
    {
        var items = SignatureCases.EcdsaEdges(SeededRandom.Create(output)).Where(i => i.Name.Contains("r + n", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Equal(SignatureStatus.Valid, i.Expected));
        AssertAll(items);
    }

    [Fact]
    public void Range_checks_come_in_the_engine_order()
    {
        var items = SignatureCases.EcdsaEdges(SeededRandom.Create(output)).ToDictionary(i => i.Name);
        Assert.Equal(SignatureStatus.ROutOfRange, Verify(items["r=0,s=0"]));
        Assert.Equal(SignatureStatus.ROutOfRange, Verify(items["r=n"]));
        Assert.Equal(SignatureStatus.SOutOfRange, Verify(items["s=n"]));
        Assert.Equal(SignatureStatus.HighS, Verify(items["high s with a bad key, low-S required"]));
        Assert.Equal(SignatureStatus.Valid, Verify(items["high s, plain ECDSA"]));
        Assert.Equal(SignatureStatus.BadPublicKey, Verify(items["pubkey x >= p"]));
        Assert.Equal(SignatureStatus.BadPublicKey, Verify(items["hybrid prefix 06"]));
    }

    [Theory]
    [MemberData(nameof(WycheproofFiles))]
    public void Wycheproof_suite_agrees_on_every_case(string file)
    {
        var (decoded, undecodable) = VectorCases.Wycheproof(file);
        output.WriteLine($"{file}: {decoded.Count} decoded, {undecodable.Count} undecodable");
        Assert.All(undecodable, c => Assert.False(c.Valid, $"{c} is valid but its signature did not decode"));
        foreach (var (item, valid) in decoded)
        {
            var status = Verify(item);
            Assert.True((status == SignatureStatus.Valid) == valid, $"{item}: status {status}, vector says valid={valid}");
            Assert.True(item.Expected == status, $"{item}: status {status}, libsecp256k1 {item.Expected}");
        }
    }

    private static byte Verify(EcdsaItem item) => SignatureCpu.VerifyEcdsa(item.Digest, item.Signature, item.PublicKey, item.RequireLowS);

    private static void AssertAll(IEnumerable<EcdsaItem> items)
    {
        foreach (var item in items)
        {
            var status = Verify(item);
            Assert.True(item.Expected == status, $"{item}: expected {item.Expected}, got {status}");
        }
    }
}
