using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GpuValidate.Engine;
using GpuValidate.Engine.Backends;
using GpuValidate.Engine.Selection;
using GpuValidate.Engine.Workloads;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;

namespace GpuValidate.Cli.Commands;

/// <summary>
/// The crypto benchmark behind <c>gpuvalidate bench --suite crypto</c>: ops/s per operation, backend and batch size,
/// each with its ratio to native libsecp256k1 on all cores. Native on one thread is always measured too, so the
/// table shows the CPU backend's scaling. Figures are printed, never asserted.
/// </summary>
internal static class CryptoSuite
{
    /// <summary>Exit code when a backend's answers on the (all-valid) workload are wrong: its speed would mean nothing.</summary>
    public const int WrongResults = 1;

    private const string NativeSingle = "native-1t";

    /// <summary>Each measurement repeats the batch until this much time has passed (at least once).</summary>
    private static readonly TimeSpan MinimumTime = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// Measures <paramref name="backend"/> (with <c>auto</c>: every backend available here, the ILGPU CPU
    /// accelerator excepted) next to native, at each batch size, and prints a table (or JSON) to
    /// <paramref name="output"/>. Returns 0, or <see cref="WrongResults"/> when a backend answered wrongly.
    /// </summary>
    public static int Run(BackendKind backend, IReadOnlyList<int> batchSizes, bool json, TextWriter output, CancellationToken cancellationToken) =>
        Run(backend, batchSizes, json, output, MinimumTime, cancellationToken);

    /// <summary><see cref="Run(BackendKind, IReadOnlyList{int}, bool, TextWriter, CancellationToken)"/> with a chosen time per measurement.</summary>
    internal static int Run(BackendKind backend, IReadOnlyList<int> batchSizes, bool json, TextWriter output, TimeSpan minimumTime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batchSizes);
        ArgumentNullException.ThrowIfNull(output);
        var engines = CreateEngines(backend);
        var rows = new List<Row>();
        try
        {
            foreach (var size in batchSizes)
            {
                var workload = SignatureWorkload.Create(size);
                foreach (var operation in Enum.GetValues<CryptoOperation>())
                {
                    double? native = null;
                    foreach (var (name, engine) in engines)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var (rate, correct) = Measure(workload, engine, operation, minimumTime, cancellationToken);
                        if (name == BackendKind.Native.ToName())
                        {
                            native = rate;
                        }

                        rows.Add(new Row(operation.ToName(), name, engine.Description, size, rate, correct));
                    }

                    foreach (var row in rows.Where(r => r.Operation == operation.ToName() && r.Batch == size))
                    {
                        row.VsNative = native is > 0 ? row.OpsPerSecond / native.Value : null;
                    }
                }
            }
        }
        finally
        {
            foreach (var (_, engine) in engines)
            {
                engine.Dispose();
            }
        }

        if (json)
        {
            WriteJson(rows, output);
        }
        else
        {
            WriteTable(rows, output);
        }

        return rows.All(r => r.Correct) ? 0 : WrongResults;
    }

    private static List<(string Name, ISignatureEngine Engine)> CreateEngines(BackendKind backend)
    {
        var engines = new List<(string, ISignatureEngine)>
        {
            (NativeSingle, SignatureEngineFactory.Create(BackendKind.Native, threads: 1)),
            (BackendKind.Native.ToName(), SignatureEngineFactory.Create(BackendKind.Native)),
        };
        BackendKind[] others = backend == BackendKind.Auto
            ? [BackendKind.Managed, BackendKind.Cuda, BackendKind.OpenCL, BackendKind.Auto]
            : backend == BackendKind.Native ? [] : [backend];
        foreach (var kind in others)
        {
            try
            {
                var selection = SignatureEngineFactory.Select(new EngineOptions { Backend = kind }, NullLogger.Instance);

                // auto without a GPU is native again: no new row.
                if (kind == BackendKind.Auto && selection.Backend is BackendKind.Native or BackendKind.Managed)
                {
                    selection.Engine.Dispose();
                    continue;
                }

                engines.Add((kind == BackendKind.Auto ? "auto (gpu+cpu)" : kind.ToName(), selection.Engine));
            }
            catch (BackendUnavailableException) when (backend == BackendKind.Auto)
            {
                // Comparing everything available: a missing GPU is simply not compared.
            }
            catch (BackendUnavailableException e)
            {
                throw new CliInputException(e.Message);
            }
        }

        return engines;
    }

    private static (double Rate, bool Correct) Measure(SignatureWorkload workload, ISignatureEngine engine, CryptoOperation operation, TimeSpan minimumTime, CancellationToken cancellationToken)
    {
        // The first run pays for JIT, kernel compilation and buffer growth; it is not timed.
        workload.Run(engine, operation);
        var correct = workload.Results.IndexOfAnyExcept(SignatureError.None) < 0;
        var runs = 0;
        var watch = Stopwatch.StartNew();
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            workload.Run(engine, operation);
            runs++;
        }
        while (watch.Elapsed < minimumTime);

        return ((double)workload.Count * runs / watch.Elapsed.TotalSeconds, correct);
    }

    private static string Format(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static void WriteTable(List<Row> rows, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = output == Console.Out ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = output == Console.Out ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        var table = new Table().AddColumns("operation", "backend", "batch", "ops/s", "vs native");
        foreach (var r in rows)
        {
            table.AddRow(
                r.Operation,
                Markup.Escape(r.Backend),
                r.Batch.ToString(CultureInfo.InvariantCulture),
                r.Correct ? Format(r.OpsPerSecond) : "[red]WRONG RESULTS[/]",
                r.VsNative is { } ratio ? ratio.ToString("F2", CultureInfo.InvariantCulture) + "x" : "-");
        }

        console.Write(table);
        foreach (var (name, description) in rows.Select(r => (r.Backend, r.Description)).Distinct())
        {
            console.WriteLine($"{name}: {description}");
        }
    }

    private static void WriteJson(List<Row> rows, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("suite", "crypto");
            writer.WriteStartArray("results");
            foreach (var r in rows)
            {
                writer.WriteStartObject();
                writer.WriteString("operation", r.Operation);
                writer.WriteString("backend", r.Backend);
                writer.WriteString("engine", r.Description);
                writer.WriteNumber("batch", r.Batch);
                writer.WriteNumber("opsPerSecond", Math.Round(r.OpsPerSecond, 1));
                if (r.VsNative is { } ratio)
                {
                    writer.WriteNumber("vsNative", Math.Round(ratio, 4));
                }
                else
                {
                    writer.WriteNull("vsNative");
                }

                writer.WriteBoolean("correct", r.Correct);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private sealed record Row(string Operation, string Backend, string Description, int Batch, double OpsPerSecond, bool Correct)
    {
        public double? VsNative { get; set; }
    }
}
