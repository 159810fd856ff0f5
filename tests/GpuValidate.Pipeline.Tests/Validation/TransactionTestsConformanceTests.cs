using System.Text.Json;
using GpuValidate.Engine;
using GpuValidate.Engine.Backends;
using GpuValidate.Ethereum.Transactions;
using GpuValidate.Pipeline.Validation;
using GpuValidate.TestVectors;
using Xunit.Abstractions;

namespace GpuValidate.Pipeline.Tests.Validation;

/// <summary>
/// ethereum/tests TransactionTests (geth-filled, Frontier to Istanbul): for every case and every fork the file
/// lists, the batch verdict under that fork's rules (chain id 1) matches: rejected where the suite expects an
/// exception, otherwise valid with the same hash and sender.
/// </summary>
public sealed class TransactionTestsConformanceTests(ITestOutputHelper output)
{
    private sealed record Case(string Name, byte[]? Rlp, string? Hash, string? Sender);

    public static TheoryData<string> Forks => new() { "Frontier", "Homestead", "EIP150", "EIP158", "Byzantium", "Constantinople", "Istanbul" };

    private static List<Case> Load(string fork)
    {
        var root = VectorFiles.PathOf("ethereum-transactiontests/TransactionTests");
        var cases = new List<Case>();
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            var name = Path.GetRelativePath(root, file);
            Assert.True(document.RootElement.TryGetProperty(fork, out var expected), $"{name} has no {fork} entry");
            var rlpText = document.RootElement.GetProperty("rlp").GetString()!;
            byte[]? rlp;
            try
            {
                rlp = Convert.FromHexString(rlpText.StartsWith("0x", StringComparison.Ordinal) ? rlpText[2..] : rlpText);
            }
            catch (FormatException)
            {
                // Not even hex: the suite expects rejection in every fork.
                rlp = null;
            }

            cases.Add(expected.TryGetProperty("hash", out var hash)
                ? new Case(name, rlp, hash.GetString(), expected.GetProperty("sender").GetString())
                : new Case(name, rlp, null, null));
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Forks))]
    public void Every_case_matches_the_suite_for_the_fork(string fork)
    {
        Assert.True(ForkRules.TryParse(fork, out var rules));
        var cases = Load(fork);
        using var engine = SignatureEngineFactory.Create(BackendKind.Native);
        var validator = new TransactionBatchValidator(engine, new ValidationOptions { ChainId = 1, Fork = rules });

        var verdicts = validator.Validate(cases.Select(c => (ReadOnlyMemory<byte>)(c.Rlp ?? [])).ToList());

        var failures = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var v = verdicts[i];
            if (c.Hash is null)
            {
                if (v.IsValid)
                {
                    failures.Add($"{c.Name}: expected rejection, got valid (sender {v.Sender})");
                }
            }
            else if (!v.IsValid)
            {
                failures.Add($"{c.Name}: expected valid, got {v.Error.ToCode()}");
            }
            else if (v.Hash.ToString() != "0x" + c.Hash || v.Sender.ToString() != "0x" + c.Sender)
            {
                failures.Add($"{c.Name}: expected hash {c.Hash} sender {c.Sender}, got {v.Hash} {v.Sender}");
            }
        }

        var valid = cases.Count(c => c.Hash is not null);
        output.WriteLine($"{fork} ({rules}): {cases.Count - failures.Count}/{cases.Count} cases pass ({valid} valid, {cases.Count - valid} rejected in the suite)");
        var reasons = verdicts.Where(v => !v.IsValid).GroupBy(v => v.Error.ToCode()).Select(g => $"{g.Key} {g.Count()}");
        output.WriteLine($"  our rejections: {string.Join(", ", reasons)}");
        foreach (var failure in failures)
        {
            output.WriteLine("  " + failure);
        }

        Assert.Empty(failures);
    }
}
