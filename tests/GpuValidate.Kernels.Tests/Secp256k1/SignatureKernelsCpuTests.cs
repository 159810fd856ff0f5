using GpuValidate.Kernels.Secp256k1;
using Xunit.Abstractions;

namespace GpuValidate.Kernels.Tests.Secp256k1;

/// <summary>The signature kernels on ILGPU's CPU accelerator, against libsecp256k1 and the CPU path of the same arithmetic.</summary>
[Collection(SignatureAcceleratorCollection.Name)]
public sealed class SignatureKernelsCpuTests(SignatureAcceleratorFixture fixture, ITestOutputHelper output)
{
    private SignatureKernels Kernels => fixture.CpuKernels;

    [Fact]
    public void Ecdsa_kernel_matches_on_random_mutated_and_edge_items()
    {
        var random = SeededRandom.Create(output);
        SignatureKernelChecks.Ecdsa(Kernels, [.. SignatureCases.RandomEcdsa(random, 100 * SeededRandom.Scale), .. SignatureCases.EcdsaEdges(random)]);
    }

    [Fact]
    public void Ecdsa_kernel_agrees_with_every_Wycheproof_suite() =>
        SignatureKernelChecks.Ecdsa(Kernels, SignatureKernelChecks.WycheproofItems(SignatureKernelChecks.AllWycheproofFiles));

    [Fact]
    public void Schnorr_kernel_agrees_with_the_Bip340_vectors() =>
        SignatureKernelChecks.Schnorr(Kernels, SignatureKernelChecks.Bip340Items());

    [Fact]
    public void Schnorr_kernel_matches_on_random_any_length_mutated_and_edge_items()
    {
        var random = SeededRandom.Create(output);
        SignatureKernelChecks.Schnorr(Kernels, [.. SignatureCases.RandomSchnorr(random, 100 * SeededRandom.Scale, 7), .. SignatureCases.SchnorrEdges(random)]);
    }

    [Fact]
    public void Recover_kernel_matches_on_random_mutated_edge_and_go_ethereum_items()
    {
        var random = SeededRandom.Create(output);
        SignatureKernelChecks.Recover(Kernels, [
            .. SignatureCases.RandomRecover(random, 100 * SeededRandom.Scale),
            .. SignatureCases.RecoverEdges(random),
            .. SignatureKernelChecks.EcRecoverItems()]);
    }

    [Fact]
    public void RecoverSenders_kernel_hashes_recovers_and_addresses_in_one_pass() =>
        SignatureKernelChecks.RecoverSenders(Kernels, SeededRandom.Create(output), 40 * SeededRandom.Scale);

    [Fact]
    public void Key_lengths_other_than_33_and_65_are_bad_keys_after_the_range_checks()
    {
        var random = SeededRandom.Create(output);
        var key = NBitcoinOracle.NewKey(random);
        var digest = new byte[32];
        random.NextBytes(digest);
        var sig = NBitcoinOracle.SignEcdsa(key, digest);
        var pub = NBitcoinOracle.PublicKey(key, false);
        byte[] lengths = [0, 1, 32, 33, 34, 64, 65, 66, 255];
        int n = lengths.Length;
        var digests = Enumerable.Range(0, n).SelectMany(_ => digest).ToArray();
        var sigs = Enumerable.Range(0, n).SelectMany(_ => sig).ToArray();
        var keys = Enumerable.Range(0, n).SelectMany(_ => pub).ToArray();
        var status = new byte[n];
        Kernels.VerifyEcdsa(digests, sigs, keys, lengths, true, status);
        byte[] expected = [.. lengths.Select(l => l == 65 ? SignatureStatus.Valid : SignatureStatus.BadPublicKey)];
        Assert.Equal(expected, status);

        sigs.AsSpan(0, 32).Clear();
        Kernels.VerifyEcdsa(digests, sigs, keys, lengths, true, status);
        Assert.Equal(SignatureStatus.ROutOfRange, status[0]);
    }

    [Fact]
    public void Buffers_are_reused_across_growing_and_shrinking_batches()
    {
        var random = SeededRandom.Create(output);
        foreach (int count in new[] { 3, 40, 1, 20 })
        {
            SignatureKernelChecks.Recover(Kernels, SignatureCases.RandomRecover(random, count));
        }
    }

    [Fact]
    public void Empty_batches_do_nothing()
    {
        Kernels.VerifyEcdsa([], [], [], [], true, []);
        Kernels.VerifySchnorr([], [], [], [], [], []);
        Kernels.Recover([], [], [], [], []);
        Kernels.RecoverSenders([], [], [], [], [], [], []);
    }

    [Fact]
    public void Spans_that_disagree_with_the_item_count_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Kernels.VerifyEcdsa(new byte[32], new byte[64], new byte[64], new byte[1], true, new byte[1]));
        Assert.Throws<ArgumentException>(() => Kernels.VerifySchnorr(new byte[32], new byte[64], new byte[4], [0], [5], new byte[1]));
        Assert.Throws<ArgumentException>(() => Kernels.VerifySchnorr(new byte[32], new byte[64], new byte[4], [-1], [1], new byte[1]));
        Assert.Throws<ArgumentException>(() => Kernels.Recover(new byte[32], new byte[64], new byte[64], new byte[20], new byte[1]));
        Assert.Throws<ArgumentException>(() => Kernels.RecoverSenders(new byte[4], [0, 1], [1], new byte[65], new byte[32], new byte[20], new byte[1]));
    }
}
