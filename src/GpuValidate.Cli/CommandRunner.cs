using System.CommandLine;

namespace GpuValidate.Cli;

/// <summary>
/// Parses and runs a command line so that every failure the user can cause ends in one line on
/// standard error and a non-zero exit code, never a stack trace.
/// </summary>
internal static class CommandRunner
{
    /// <summary>Exit code for a command line that does not parse.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code for input the command could not use (missing or malformed file).</summary>
    public const int InputError = 3;

    /// <summary>Exit code for an unexpected failure inside the tool.</summary>
    public const int InternalError = 70;

    public static int Run(RootCommand root, string[] args, TextWriter? error = null)
    {
        error ??= Console.Error;
        var parse = root.Parse(args.Length == 0 ? ["--help"] : args);
        if (parse.Errors.Count > 0)
        {
            var messages = string.Join("; ", parse.Errors.Select(e => e.Message).Distinct());
            error.WriteLine($"error: {messages} (see 'gpuvalidate --help')");
            return UsageError;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (CliInputException e)
        {
            error.WriteLine($"error: {e.Message}");
            return InputError;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("cancelled");
            return 130;
        }
        catch (Exception e)
        {
            error.WriteLine($"error: {e.GetType().Name}: {e.Message}");
            return InternalError;
        }
    }
}
