using System.CommandLine;
using GpuValidate.Cli.Commands;
using GpuValidate.Engine;
using GpuValidate.Engine.Backends;
using GpuValidate.TestSupport;
using GpuValidate.TestVectors;

namespace GpuValidate.Cli.Tests;

public sealed class ConformanceCommandTests
{
    private static int RunCommand(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(ConformanceCommand.Create());
        return CommandRunner.Run(root, ["conformance", .. args], new StringWriter());
    }

    [Fact]
    public void Native_backend_passes_every_shipped_suite_and_the_random_items()
    {
        Assert.Equal(0, RunCommand("--backend", "native", "--random", "256"));
    }

    [Fact]
    public void Managed_backend_passes_every_shipped_suite_and_the_random_items()
    {
        Assert.Equal(0, RunCommand("--backend", "managed", "--random", "256"));
    }

    [Fact]
    public void A_negative_random_count_is_a_usage_error()
    {
        Assert.NotEqual(0, RunCommand("--backend", "native", "--random", "-1"));
    }

    [Fact]
    public void A_backend_wrong_only_where_no_vector_looks_fails_on_the_random_items()
    {
        // Right on every vector suite (none of them hashes), wrong on one Keccak-256 digest in 97.
        using var engine = new WrongKeccakEngine(SignatureEngineFactory.Create(BackendKind.Native));
        var vectorsOnly = new StringWriter();
        var withRandom = new StringWriter();

        Assert.Equal(0, ConformanceCommand.Run(engine, "wrong keccak", ConformanceCommand.DefaultVectors, vectorsOnly));
        var code = ConformanceCommand.Run(engine, "wrong keccak", ConformanceCommand.DefaultVectors, withRandom, randomItems: 300);

        Assert.Equal(ConformanceCommand.Disagreement, code);
        Assert.Contains("conformance: FAIL (4 of", withRandom.ToString(), StringComparison.Ordinal);
        Assert.Contains("keccak-256: item 0 differs", withRandom.ToString(), StringComparison.Ordinal);
        Assert.Contains("keccak-256: item 97 differs", withRandom.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_covers_every_case_of_every_suite()
    {
        // Case counts from the test-side loaders, independent of the command's own parsing.
        var total = WycheproofEcdsa.AllFiles.Sum(f => WycheproofEcdsa.Load(f).Count) + Bip340Vectors.Load().Count + 5;
        using var engine = SignatureEngineFactory.Create(BackendKind.Native);
        var output = new StringWriter();

        var code = ConformanceCommand.Run(engine, "native", ConformanceCommand.DefaultVectors, output);

        Assert.Equal(0, code);
        Assert.Contains($"conformance: PASS ({total} cases in 7 suites)", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_backend_that_disagrees_fails_with_a_non_zero_exit_code()
    {
        using var engine = new AlwaysValidEngine(SignatureEngineFactory.Create(BackendKind.Native));
        var output = new StringWriter();

        var code = ConformanceCommand.Run(engine, "broken", ConformanceCommand.DefaultVectors, output);

        Assert.Equal(ConformanceCommand.Disagreement, code);
        Assert.Contains("conformance: FAIL", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_vectors_are_a_one_line_input_error()
    {
        Assert.Equal(CommandRunner.InputError, RunCommand("--backend", "native", "--vectors", Path.Combine(Path.GetTempPath(), "no-such-vectors")));
    }

    /// <summary>A test double for a device with a subtle fault: one Keccak-256 digest in 97 has its last bit flipped.</summary>
    private sealed class WrongKeccakEngine(ISignatureEngine inner) : DelegatingEngine(inner)
    {
        public override string Description => nameof(WrongKeccakEngine);

        public override void Keccak256(ReadOnlySpan<byte> messages, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<byte> digests)
        {
            base.Keccak256(messages, offsets, lengths, digests);
            for (var i = 0; i < offsets.Length; i += 97)
            {
                digests[(32 * i) + 31] ^= 1;
            }
        }
    }

    /// <summary>A test double for a broken device: it calls every ECDSA signature valid.</summary>
    private sealed class AlwaysValidEngine(ISignatureEngine inner) : DelegatingEngine(inner)
    {
        public override string Description => nameof(AlwaysValidEngine);

        public override void VerifyEcdsa(ReadOnlySpan<byte> digests, ReadOnlySpan<byte> signatures, ReadOnlySpan<byte> publicKeys, ReadOnlySpan<byte> publicKeyLengths, bool requireLowS, Span<SignatureError> results) =>
            results.Clear();
    }
}
