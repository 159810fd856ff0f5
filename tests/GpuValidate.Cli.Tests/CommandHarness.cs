using System.CommandLine;
using GpuValidate.Cli.Commands;

namespace GpuValidate.Cli.Tests;

/// <summary>Runs <c>generate</c>, <c>run</c> and <c>bench</c> through the command runner with captured output.</summary>
internal static class CommandHarness
{
    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand("test");
        root.Subcommands.Add(GenerateCommand.Create(output));
        root.Subcommands.Add(RunCommand.Create(output));
        root.Subcommands.Add(BenchCommand.Create(output));
        var code = CommandRunner.Run(root, args, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The value of the <c>state-root:</c> line.</summary>
    public static string StateRoot(string output) =>
        output.Split('\n').Single(l => l.StartsWith("state-root: ", StringComparison.Ordinal))["state-root: ".Length..].Trim();
}
