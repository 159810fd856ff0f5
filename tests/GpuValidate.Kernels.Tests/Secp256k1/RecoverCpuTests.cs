using GpuValidate.Kernels.Secp256k1;
using GpuValidate.TestSupport;
using Xunit.Abstractions;

namespace GpuValidate.Kernels.Tests.Secp256k1;

/// <summary>ecrecover on the CPU path of the kernel arithmetic, against NBitcoin.Secp256k1 and go-ethereum's precompile vectors.</summary>
public sealed class RecoverCpuTests(ITestOutputHelper output)
{
    [Fact]
    public void Random_signatures_and_mutations_recover_the_key_libsecp256k1_recovers()
    {
        var random = SeededRandom.Create(output);
        var items = SignatureCases.RandomRecover(random, 500 * SeededRandom.Scale);
        AssertAll(items);
        Assert.Contains(items, i => i.Expected == SignatureStatus.Valid);
    }

    [Fact]
    public void Edge_cases_match_libsecp256k1_and_NBitcoin()
    {
        var items = SignatureCases.RecoverEdges(SeededRandom.Create(output));
        AssertAll(items);
        var byName = items.ToDictionary(i => i.Name);
        Assert.Equal(SignatureStatus.BadRecoveryId, byName["recid 4"].Expected);
        Assert.Equal(SignatureStatus.BadRecoveryId, byName["recid 5 and r = 0"].Expected);
        Assert.Equal(SignatureStatus.RecoveryFailed, byName["recid 2 with r + n >= p"].Expected);
        Assert.Equal(SignatureStatus.Valid, byName["x(R) = r + n, random s"].Expected);
    }

    [Fact]
    public void Go_ethereum_ecrecover_vectors_give_the_expected_address()
    {
        var (items, rejectedV) = VectorCases.EcRecover();
        output.WriteLine($"{items.Count} cases with v 27/28, {rejectedV} rejected for v");
        Assert.NotEmpty(items);
        foreach (var (item, address) in items)
        {
            var key = new byte[64];
            var actual = new byte[20];
            var status = SignatureCpu.Recover(item.Digest, item.Signature, key, actual);
            Assert.True(item.Expected == status, $"{item}: expected {item.Expected}, got {status}");
            Assert.Equal(address is not null, status == SignatureStatus.Valid);
            Assert.Equal(address ?? new byte[20], actual);
        }
    }

    [Fact]
    public void RecoverSender_hashes_the_payload_with_Keccak_and_recovers_its_signer()
    {
        var random = SeededRandom.Create(output);
        for (int i = 0; i < 20; i++)
        {
            var payload = new byte[random.Next(0, 300)];
            random.NextBytes(payload);
            var expectedHash = KeccakOracle.Hash(payload);
            var key = NBitcoinOracle.NewKey(random);
            var sig = NBitcoinOracle.SignRecoverable(key, expectedHash);
            var pub = NBitcoinOracle.PublicKey(key, false);
            var hash = new byte[32];
            var address = new byte[20];
            Assert.Equal(SignatureStatus.Valid, SignatureCpu.RecoverSender(payload, sig, hash, address));
            Assert.Equal(expectedHash, hash);
            Assert.Equal(KeccakOracle.Hash(pub[1..])[12..], address);
        }
    }

    private static void AssertAll(IEnumerable<RecoverItem> items)
    {
        foreach (var item in items)
        {
            var key = new byte[64];
            var address = new byte[20];
            var status = SignatureCpu.Recover(item.Digest, item.Signature, key, address);
            Assert.True(item.Expected == status, $"{item}: expected {item.Expected}, got {status}");
            Assert.True(item.PublicKey.AsSpan().SequenceEqual(key), $"{item}: key differs");
            var expectedAddress = status == SignatureStatus.Valid ? KeccakOracle.Hash(item.PublicKey)[12..] : new byte[20];
            Assert.Equal(expectedAddress, address);
        }
    }
}
