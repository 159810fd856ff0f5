using System.CommandLine;
using GpuValidate.Engine;
using GpuValidate.Engine.Backends;
using GpuValidate.Engine.Conformance;
using Spectre.Console;

namespace GpuValidate.Cli.Commands;

/// <summary>
/// <c>gpuvalidate conformance</c>: every shipped vector suite on one backend, a pass/fail table, and a non-zero exit
/// code on any disagreement. What an operator runs to check a new GPU.
/// </summary>
internal static class ConformanceCommand
{
    /// <summary>Exit code when any case disagrees with its suite.</summary>
    public const int Disagreement = 1;

    /// <summary>Failing cases listed per suite below the table.</summary>
    private const int FailuresShown = 10;

    /// <summary>Random items run through every operation by default: a few seconds on the CPU, one chunk on a GPU.</summary>
    public const int DefaultRandomItems = 4096;

    /// <summary>The random items' seed: the same items on every machine, so a failure can be reproduced.</summary>
    public const int RandomSeed = 20261125;

    /// <summary>Where the suites ship: copied next to the tool at build time.</summary>
    public static string DefaultVectors { get; } = Path.Combine(AppContext.BaseDirectory, "vectors");

    public static Command Create()
    {
        var backend = SignatureBackendOption.Create();
        var vectors = new Option<string>("--vectors")
        {
            Description = "The folder holding the vector suites (default: the copy shipped with the tool).",
            HelpName = "dir",
            DefaultValueFactory = _ => DefaultVectors,
        };
        var random = new Option<int>("--random")
        {
            Description = "Random signed items (half with a flipped bit) also run through every operation and compared with libsecp256k1; 0 skips them.",
            HelpName = "n",
            DefaultValueFactory = _ => DefaultRandomItems,
        };
        random.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--random must be 0 or more");
            }
        });
        var command = new Command("conformance", "Run every shipped vector suite (Wycheproof, BIP-340, ecrecover) and a random differential against libsecp256k1 on a backend, and print a pass/fail table.")
        {
            backend,
            vectors,
            random,
        };
        command.SetAction(parse =>
        {
            var selection = SignatureBackendOption.Select(parse.GetValue(backend));
            using var engine = selection.Engine;
            return Run(engine, $"{selection.Backend.ToName()}: {selection.Reason}", parse.GetValue(vectors)!, Console.Out, parse.GetValue(random));
        });
        return command;
    }

    /// <summary>
    /// Runs the suites (and <paramref name="randomItems"/> random items through every operation) and prints the table;
    /// returns 0 when every case agrees, else <see cref="Disagreement"/>.
    /// </summary>
    public static int Run(ISignatureEngine engine, string backendLine, string vectorsDirectory, TextWriter output, int randomItems = 0)
    {
        List<ConformanceResult> results;
        try
        {
            results = [.. ConformanceRunner.Run(engine, vectorsDirectory)];
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or DirectoryNotFoundException)
        {
            throw new CliInputException(e.Message);
        }

        if (randomItems > 0)
        {
            results.Add(ConformanceRunner.RunRandom(engine, randomItems, RandomSeed));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = output == Console.Out ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = output == Console.Out ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        console.WriteLine($"backend {backendLine}");
        console.WriteLine($"engine: {engine.Description}");
        var table = new Table().AddColumns("suite", "operation", "cases", "passed", "failed", "result");
        foreach (var r in results)
        {
            table.AddRow(
                Markup.Escape(r.Suite),
                r.Operation,
                r.Cases.ToString(System.Globalization.CultureInfo.InvariantCulture),
                r.Passed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                r.Failures.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                r.Ok ? "[green]PASS[/]" : "[red]FAIL[/]");
        }

        console.Write(table);
        foreach (var r in results.Where(r => !r.Ok))
        {
            console.WriteLine($"{r.Suite}: {r.Failures.Count} disagreement(s)");
            foreach (var failure in r.Failures.Take(FailuresShown))
            {
                console.WriteLine($"  {failure}");
            }
        }

        var failed = results.Sum(r => r.Failures.Count);
        console.WriteLine(failed == 0
            ? $"conformance: PASS ({results.Sum(r => r.Cases)} cases in {results.Count} suites)"
            : $"conformance: FAIL ({failed} of {results.Sum(r => r.Cases)} cases disagree)");
        return failed == 0 ? 0 : Disagreement;
    }
}
