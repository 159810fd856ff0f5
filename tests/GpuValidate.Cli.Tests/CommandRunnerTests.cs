using System.CommandLine;
using GpuValidate.Cli.Commands;

namespace GpuValidate.Cli.Tests;

public sealed class CommandRunnerTests
{
    private static (int Code, string Error) Run(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(DevicesCommand.Create());
        var error = new StringWriter();
        var code = CommandRunner.Run(root, args, error);
        return (code, error.ToString());
    }

    [Fact]
    public void Unknown_option_is_one_line_error_with_usage_exit_code()
    {
        var (code, error) = Run("devices", "--no-such-option");

        Assert.Equal(CommandRunner.UsageError, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("--no-such-option", error);
    }

    [Fact]
    public void Unknown_command_is_one_line_error_with_usage_exit_code()
    {
        var (code, error) = Run("frobnicate");

        Assert.Equal(CommandRunner.UsageError, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("error:", error);
    }

    [Fact]
    public void Input_errors_are_one_line_without_stack_trace()
    {
        var root = new RootCommand("test");
        var command = new Command("fail");
        command.SetAction(new Func<ParseResult, int>(_ => throw new CliInputException("missing file: blocks.jsonl")));
        root.Subcommands.Add(command);
        var error = new StringWriter();

        var code = CommandRunner.Run(root, ["fail"], error);

        Assert.Equal(CommandRunner.InputError, code);
        Assert.Equal("error: missing file: blocks.jsonl", error.ToString().TrimEnd());
    }
}
