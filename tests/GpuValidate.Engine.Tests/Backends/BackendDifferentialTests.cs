using GpuValidate.Engine.Backends.Cpu;
using GpuValidate.Engine.Conformance;
using GpuValidate.Engine.Tests.Support;

namespace GpuValidate.Engine.Tests.Backends;

/// <summary>
/// Every backend against native libsecp256k1 on random items signed with NBitcoin.Secp256k1, half of them with
/// one flipped bit; and the native backend itself against the managed library and the signer's own keys.
/// </summary>
[Collection(BackendCollection.Name)]
public sealed class BackendDifferentialTests(BackendEngines engines)
{
    private const int Seed = 20261125;

    public static TheoryData<string> Backends() => new(BackendEngines.Names);

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void Random_and_bit_flipped_items_give_the_same_results_as_native(string backend)
    {
        var engine = engines.Get(backend);
        var items = SignedItems.Create(BackendEngines.RandomItems(backend), Seed);
        using var reference = backend == "native" ? CpuEngine.CreateManaged() : CpuEngine.CreateNative();

        var expected = EngineResults.Of(reference, items);
        var actual = EngineResults.Of(engine, items);

        actual.AssertEqual(expected);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void Unmutated_items_are_valid_and_recover_the_signers_key(string backend)
    {
        var engine = engines.Get(backend);
        var items = SignedItems.Create(Math.Min(200, BackendEngines.RandomItems(backend)), Seed + 1, mutateOdd: false);

        var results = EngineResults.Of(engine, items);

        Assert.All(results.EcdsaLowS, r => Assert.Equal(SignatureError.None, r));
        Assert.All(results.Schnorr, r => Assert.Equal(SignatureError.None, r));
        Assert.All(results.Recover, r => Assert.Equal(SignatureError.None, r));
        Assert.Equal(items.ExpectedKeys, results.RecoveredKeys);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void Conformance_random_items_agree_with_the_other_cpu_library(string backend)
    {
        var engine = engines.Get(backend);

        var result = ConformanceRunner.RunRandom(engine, 64, Seed + 2);

        Assert.Empty(result.Failures);
        Assert.Equal(6 * 64, result.Cases);
        Assert.Contains(backend == "native" ? "NBitcoin" : "libsecp256k1", result.Suite, StringComparison.Ordinal);
    }
}
