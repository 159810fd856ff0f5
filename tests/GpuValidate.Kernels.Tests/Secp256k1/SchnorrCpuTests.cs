using GpuValidate.Kernels.Secp256k1;
using Xunit.Abstractions;

namespace GpuValidate.Kernels.Tests.Secp256k1;

/// <summary>BIP-340 verify on the CPU path of the kernel arithmetic, against the BIP's vectors and NBitcoin.Secp256k1.</summary>
public sealed class SchnorrCpuTests(ITestOutputHelper output)
{
    [Fact]
    public void Bip340_vectors_all_agree()
    {
        foreach (var (item, valid) in VectorCases.Bip340())
        {
            var status = Verify(item);
            Assert.True((status == SignatureStatus.Valid) == valid, $"{item}: status {status}, vector says valid={valid}");
            Assert.True(item.Expected == status, $"{item}: status {status}, libsecp256k1 {item.Expected}");
        }
    }

    [Fact]
    public void Random_signatures_of_any_length_and_one_bit_mutations_match_libsecp256k1_and_NBitcoin()
    {
        var random = SeededRandom.Create(output);
        var items = SignatureCases.RandomSchnorr(random, 500 * SeededRandom.Scale, 14 * SeededRandom.Scale);
        foreach (var item in items)
        {
            var status = Verify(item);
            Assert.True(item.Expected == status, $"{item}: expected {item.Expected}, got {status}");
        }

        Assert.Contains(items, i => i.Expected == SignatureStatus.Valid && i.Message.Length != 32);
        Assert.Contains(items, i => i.Expected == SignatureStatus.BadSignature);
    }

    [Fact]
    public void Edge_cases_match_libsecp256k1_and_NBitcoin_in_the_engine_order()
    {
        var items = SignatureCases.SchnorrEdges(SeededRandom.Create(output));
        foreach (var item in items)
        {
            Assert.True(item.Expected == Verify(item), $"{item}: expected {item.Expected}, got {Verify(item)}");
        }

        var byName = items.ToDictionary(i => i.Name);
        Assert.Equal(SignatureStatus.ROutOfRange, Verify(byName["r = p with key x = p"]));
        Assert.Equal(SignatureStatus.SOutOfRange, Verify(byName["s = n"]));
        Assert.Equal(SignatureStatus.BadPublicKey, Verify(byName["key x = p"]));
    }

    private static byte Verify(SchnorrItem item) => SignatureCpu.VerifySchnorr(item.PublicKey, item.Signature, item.Message);
}
