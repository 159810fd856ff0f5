using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GpuValidate.Engine.Backends;
using GpuValidate.Pipeline.Benchmarking;
using GpuValidate.Pipeline.Processing;
using GpuValidate.Pipeline.Workloads;
using Spectre.Console;

namespace GpuValidate.Cli.Commands;

/// <summary>
/// <c>gpuvalidate bench</c>: generates a transfer workload in memory, validates it end to end on the chosen backend and
/// prints transactions per second overall and per stage, where the time went, the backend and why, the parallel
/// applier's speedup over the sequential one and the native recovery bound. <c>--suite crypto</c> runs the signature
/// benchmarks instead.
/// </summary>
internal static class BenchCommand
{
    /// <summary>Batch sizes of the crypto suite unless <c>--batch</c> names others.</summary>
    public static readonly int[] CryptoBatchSizes = [256, 4096];

    /// <summary>The largest batch <c>--batch</c> accepts: the workload is generated and held in memory first.</summary>
    public const int MaxCryptoBatch = 1 << 22;

    /// <summary>The command, writing to <paramref name="output"/> (standard output when null).</summary>
    public static Command Create(TextWriter? output = null)
    {
        var backend = SignatureBackendOption.Create();
        var blocks = new Option<int>("--blocks") { Description = "Blocks in the generated workload (the default, 100 x 1,000 transfers, is long enough for steady-state rates).", DefaultValueFactory = _ => 100, HelpName = "B" };
        var txs = new Option<int>("--txs-per-block") { Description = "Transactions per block.", DefaultValueFactory = _ => 1000, HelpName = "N" };
        var accounts = new Option<int>("--accounts") { Description = "Accounts the transfers are drawn among (2: every transfer conflicts).", DefaultValueFactory = _ => 10_000, HelpName = "K" };
        var hot = new Option<double>("--hot-fraction") { Description = "Fraction of transfers paid to one hot account.", HelpName = "F" };
        var seed = new Option<int>("--seed") { Description = "Workload seed.", DefaultValueFactory = _ => 1, HelpName = "S" };
        var threads = new Option<int>("--threads") { Description = "Parallel applier threads (0: every core).", HelpName = "N" };
        var json = new Option<bool>("--json") { Description = "Write the results as one JSON object." };
        var suite = new Option<string>("--suite") { Description = "pipeline (end to end, default) or crypto (signature operations per backend).", DefaultValueFactory = _ => "pipeline", HelpName = "suite" };
        suite.AcceptOnlyFromAmong("pipeline", "crypto");
        var batch = new Option<int[]>("--batch")
        {
            Description = "Crypto suite: batch sizes to measure (e.g. --batch 1024 65536 1048576; default 256 4096). A GPU wants large ones.",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "N",
        };
        var command = new Command("bench", "Generate a workload in memory and validate it end to end; print rates per stage and the applier speedup.")
        {
            backend, blocks, txs, accounts, hot, seed, threads, json, suite, batch,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var writer = output ?? Console.Out;
            var sizes = parse.GetValue(batch) is { Length: > 0 } chosen ? chosen : CryptoBatchSizes;
            foreach (var size in sizes)
            {
                if (size is < 1 or > MaxCryptoBatch)
                {
                    throw new CliInputException($"--batch {size}: batch sizes run from 1 to {MaxCryptoBatch:N0}");
                }
            }

            if (parse.GetValue(suite) == "crypto")
            {
                return CryptoSuite.Run(parse.GetValue(backend), sizes, parse.GetValue(json), writer, cancellationToken);
            }

            if (parse.GetValue(batch) is { Length: > 0 })
            {
                throw new CliInputException("--batch applies to --suite crypto; the pipeline suite's batches are its blocks (--txs-per-block)");
            }

            var options = new TransferWorkloadOptions
            {
                Blocks = parse.GetValue(blocks),
                TransactionsPerBlock = parse.GetValue(txs),
                Accounts = parse.GetValue(accounts),
                HotFraction = parse.GetValue(hot),
                Seed = parse.GetValue(seed),
            };
            var progress = output is null && !Console.IsErrorRedirected ? Console.Error : null;
            return await RunAsync(options, parse.GetValue(backend), parse.GetValue(threads), parse.GetValue(json), writer, progress, cancellationToken)
                .ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Runs the pipeline suite; a progress bar goes to <paramref name="progress"/> when given.</summary>
    public static async Task<int> RunAsync(
        TransferWorkloadOptions options, BackendKind backend, int threads, bool json, TextWriter output, TextWriter? progress, CancellationToken cancellationToken)
    {
        if (options.Validate() is { } problem)
        {
            throw new CliInputException(problem);
        }

        if (threads < 0)
        {
            throw new CliInputException("--threads must be 0 (every core) or more");
        }

        var selection = SignatureBackendOption.Select(backend);
        using var engine = selection.Engine;
        PipelineBenchmarkResult result;
        if (progress is null)
        {
            result = await PipelineBenchmark.RunAsync(options, engine, threads, null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(progress) });
            result = await console.Progress().AutoClear(true).StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                void Report(string phase, double fraction)
                {
                    if (!tasks.TryGetValue(phase, out var task))
                    {
                        tasks[phase] = task = context.AddTask(phase, maxValue: 1);
                    }

                    task.Value = fraction;
                }

                return await PipelineBenchmark.RunAsync(options, engine, threads, Report, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }

        if (json)
        {
            WriteJson(result, selection.Backend, engine.Description, selection.Reason, output);
        }
        else
        {
            WriteTable(result, selection.Backend, engine.Description, selection.Reason, output);
        }

        return result.RootsMatch ? 0 : 1;
    }

    private static void WriteTable(PipelineBenchmarkResult r, BackendKind backend, string description, string reason, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No });
        console.WriteLine(Invariant($"backend: {backend.ToName()} ({description}): {reason}"));
        console.WriteLine(Invariant($"workload: {r.Blocks} blocks x {r.Transactions / Math.Max(r.Blocks, 1)} transfers among {r.Accounts} accounts ({r.Valid} valid), generated in {r.GenerateTime.TotalSeconds:F2} s"));
        var table = new Table().AddColumns("stage", "busy s", "tx/s", "share of wall time");
        foreach (var stage in PipelineBenchmark.Stages)
        {
            var time = r.StageTimes[stage];
            table.AddRow(
                StageName(stage),
                Invariant($"{time.TotalSeconds:F3}"),
                Invariant($"{r.Rate(time):N0}"),
                Invariant($"{100 * time / r.EndToEndTime:F0}%"));
        }

        table.AddRow("[bold]end to end (wall)[/]", Invariant($"{r.EndToEndTime.TotalSeconds:F3}"), Invariant($"[bold]{r.EndToEndRate:N0}[/]"), "100%");
        console.Write(table);
        console.WriteLine(Invariant(
            $"bottleneck: {StageName(r.Bottleneck)} ({100 * r.StageTimes[r.Bottleneck] / r.EndToEndTime:F0}% of wall time); stages busy {r.Overlap:F2}x the wall time (overlap)"));

        var appliers = new Table().AddColumns("applier", "s", "tx/s", "speedup");
        appliers.AddRow("sequential (reference)", Invariant($"{r.SequentialApplyTime.TotalSeconds:F3}"), Invariant($"{r.Rate(r.SequentialApplyTime):N0}"), "1.00x");
        appliers.AddRow(
            "parallel, 1 thread (schedule + apply)",
            Invariant($"{(r.SingleThreadScheduleTime + r.SingleThreadApplyTime).TotalSeconds:F3}"),
            Invariant($"{r.Rate(r.SingleThreadScheduleTime + r.SingleThreadApplyTime):N0}"),
            Invariant($"{r.SequentialApplyTime / (r.SingleThreadScheduleTime + r.SingleThreadApplyTime):F2}x"));
        appliers.AddRow(
            Invariant($"parallel, {r.Threads} threads (whole blocks: scheduling overlaps applying)"),
            Invariant($"{r.ParallelOverlappedTime.TotalSeconds:F3}"),
            Invariant($"{r.Rate(r.ParallelOverlappedTime):N0}"),
            Invariant($"[bold]{r.ApplierSpeedup:F2}x[/]"));
        appliers.AddRow(
            Invariant($"parallel, {r.Threads} threads (schedule, then apply)"),
            Invariant($"{(r.ParallelScheduleTime + r.ParallelApplyTime).TotalSeconds:F3}"),
            Invariant($"{r.Rate(r.ParallelScheduleTime + r.ParallelApplyTime):N0}"),
            Invariant($"{r.ScheduleThenApplySpeedup:F2}x"));
        appliers.AddRow(
            "  of which apply",
            Invariant($"{r.ParallelApplyTime.TotalSeconds:F3}"),
            Invariant($"{r.Rate(r.ParallelApplyTime):N0}"),
            Invariant($"{r.ApplyOnlySpeedup:F2}x"));
        appliers.AddRow(
            Invariant($"optimistic, {r.Threads} threads ({r.OptimisticReexecuted:N0} re-executed)"),
            Invariant($"{r.OptimisticTime.TotalSeconds:F3}"),
            Invariant($"{r.Rate(r.OptimisticTime):N0}"),
            Invariant($"{r.SequentialApplyTime / r.OptimisticTime:F2}x"));
        console.Write(appliers);
        console.WriteLine(Invariant(
            $"threads alone: {r.ThreadSpeedup:F2}x over the parallel applier on 1 thread; mean conflict-free layers per block: {r.MeanLayers:F1}; state roots of the runs match: {(r.RootsMatch ? "yes" : "NO")}"));
        console.WriteLine(Invariant(
            $"native sender-recovery bound: {r.NativeRecoveryRate:N0} tx/s; end to end reaches {100 * r.EndToEndRate / r.NativeRecoveryRate:F0}% of it"));
        console.WriteLine($"state-root: {r.StateRoot}");
    }

    private static void WriteJson(PipelineBenchmarkResult r, BackendKind backend, string description, string reason, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("suite", "pipeline");
            json.WriteString("backend", backend.ToName());
            json.WriteString("engine", description);
            json.WriteString("reason", reason);
            json.WriteNumber("blocks", r.Blocks);
            json.WriteNumber("transactions", r.Transactions);
            json.WriteNumber("valid", r.Valid);
            json.WriteNumber("accounts", r.Accounts);
            json.WriteNumber("threads", r.Threads);
            json.WriteNumber("generateSeconds", Round(r.GenerateTime.TotalSeconds));
            json.WriteNumber("endToEndSeconds", Round(r.EndToEndTime.TotalSeconds));
            json.WriteNumber("endToEndTxPerSecond", Math.Round(r.EndToEndRate));
            json.WriteStartObject("stages");
            foreach (var stage in PipelineBenchmark.Stages)
            {
                json.WriteStartObject(StageName(stage));
                json.WriteNumber("seconds", Round(r.StageTimes[stage].TotalSeconds));
                json.WriteNumber("txPerSecond", Math.Round(r.Rate(r.StageTimes[stage])));
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteString("bottleneck", StageName(r.Bottleneck));
            json.WriteNumber("overlap", Round(r.Overlap));
            json.WriteStartObject("appliers");
            json.WriteNumber("sequentialApplySeconds", Round(r.SequentialApplyTime.TotalSeconds));
            json.WriteNumber("singleThreadScheduleSeconds", Round(r.SingleThreadScheduleTime.TotalSeconds));
            json.WriteNumber("singleThreadApplySeconds", Round(r.SingleThreadApplyTime.TotalSeconds));
            json.WriteNumber("parallelScheduleSeconds", Round(r.ParallelScheduleTime.TotalSeconds));
            json.WriteNumber("parallelApplySeconds", Round(r.ParallelApplyTime.TotalSeconds));
            json.WriteNumber("parallelWholeBlockSeconds", Round(r.ParallelOverlappedTime.TotalSeconds));
            json.WriteNumber("speedup", Round(r.ApplierSpeedup));
            json.WriteNumber("scheduleThenApplySpeedup", Round(r.ScheduleThenApplySpeedup));
            json.WriteNumber("applyOnlySpeedup", Round(r.ApplyOnlySpeedup));
            json.WriteNumber("threadSpeedup", Round(r.ThreadSpeedup));
            json.WriteNumber("meanLayers", Round(r.MeanLayers));
            json.WriteNumber("optimisticSeconds", Round(r.OptimisticTime.TotalSeconds));
            json.WriteNumber("optimisticSpeedup", Round(r.SequentialApplyTime / r.OptimisticTime));
            json.WriteNumber("optimisticReexecuted", r.OptimisticReexecuted);
            json.WriteEndObject();
            json.WriteNumber("nativeRecoveryTxPerSecond", Math.Round(r.NativeRecoveryRate));
            json.WriteNumber("endToEndShareOfRecoveryBound", Round(r.EndToEndRate / r.NativeRecoveryRate));
            json.WriteBoolean("rootsMatch", r.RootsMatch);
            json.WriteString("stateRoot", r.StateRoot);
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static string StageName(PipelineStage stage) => stage.ToString().ToLowerInvariant();

    private static double Round(double value) => Math.Round(value, 6);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
