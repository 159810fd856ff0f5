using System.Text.Json;

namespace GpuValidate.Cli.Tests;

public sealed class BenchCommandTests
{
    [Fact]
    public void Bench_json_reports_every_stage_the_applier_speedup_and_matching_roots()
    {
        var (code, output, error) = CommandHarness.Run(
            "bench", "--blocks", "2", "--txs-per-block", "60", "--accounts", "20", "--backend", "native", "--json");

        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("native", json.GetProperty("backend").GetString());
        Assert.Equal(120, json.GetProperty("transactions").GetInt32());
        Assert.Equal(120, json.GetProperty("valid").GetInt32());
        Assert.True(json.GetProperty("rootsMatch").GetBoolean());
        foreach (var stage in new[] { "read", "decode", "recover", "checks", "schedule", "apply", "commit" })
        {
            Assert.True(json.GetProperty("stages").TryGetProperty(stage, out _), stage);
        }

        // The bottleneck is a stage with the most busy time (rounding keeps the order, ties aside).
        var stages = json.GetProperty("stages");
        var bottleneck = stages.GetProperty(json.GetProperty("bottleneck").GetString()!).GetProperty("seconds").GetDouble();
        Assert.All(stages.EnumerateObject(), s => Assert.True(s.Value.GetProperty("seconds").GetDouble() <= bottleneck, s.Name));
        Assert.True(json.GetProperty("overlap").GetDouble() > 0);

        // The headline speedup is the parallel applier handed whole blocks; the schedule-then-apply figure is kept apart.
        var appliers = json.GetProperty("appliers");
        Assert.True(appliers.GetProperty("speedup").GetDouble() > 0);
        Assert.True(appliers.GetProperty("parallelWholeBlockSeconds").GetDouble() > 0);
        Assert.True(appliers.GetProperty("scheduleThenApplySpeedup").GetDouble() > 0);
        Assert.True(json.GetProperty("nativeRecoveryTxPerSecond").GetDouble() > 0);
    }

    [Fact]
    public void Bench_crypto_measures_exactly_the_batch_sizes_it_is_given()
    {
        var (code, output, error) = CommandHarness.Run("bench", "--suite", "crypto", "--backend", "native", "--batch", "8", "24", "--json");

        Assert.True(code == 0, error);
        var rows = JsonDocument.Parse(output).RootElement.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal([8, 24], rows.Select(r => r.GetProperty("batch").GetInt32()).Distinct().Order());
        Assert.All(rows, r => Assert.True(r.GetProperty("correct").GetBoolean()));
    }

    [Theory]
    [InlineData("--suite", "crypto", "--batch", "0", "--batch 0")]
    [InlineData("--suite", "crypto", "--batch", "99999999", "--batch 99999999")]
    [InlineData("--suite", "pipeline", "--batch", "64", "--suite crypto")]
    public void Bench_refuses_a_batch_size_it_cannot_use(string suiteOption, string suite, string batchOption, string size, string expected)
    {
        var (code, _, error) = CommandHarness.Run("bench", suiteOption, suite, batchOption, size, "--backend", "native");

        Assert.NotEqual(0, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_table_names_the_backend_and_ends_with_the_state_root()
    {
        var (code, output, error) = CommandHarness.Run("bench", "--blocks", "1", "--txs-per-block", "20", "--accounts", "2", "--backend", "native");

        Assert.True(code == 0, error);
        Assert.StartsWith("backend: native", output);
        Assert.Contains("speedup", output);
        Assert.Contains("bottleneck: ", output);
        foreach (var stage in new[] { "decode", "recover", "checks" })
        {
            Assert.Contains(stage, output);
        }

        Assert.Matches("^0x[0-9a-f]{64}$", CommandHarness.StateRoot(output));
    }

    [Fact]
    public void An_unknown_suite_is_a_usage_error()
    {
        var (code, _, error) = CommandHarness.Run("bench", "--suite", "nope");

        Assert.Equal(CommandRunner.UsageError, code);
        Assert.Contains("nope", error);
    }
}
