using System.Diagnostics;
using System.Text;

namespace GpuValidate.Cli.Tests.Durability;

/// <summary>
/// Runs the built <c>gpuvalidate</c> tool (the assembly copied next to the tests by the project reference) as a child
/// process, as an operator would: <c>dotnet gpuvalidate.dll ARGS</c>.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private CliProcess(IEnumerable<string> args)
    {
        // The SDK tells child processes which host it runs on; a bare "dotnet" from PATH is the fallback.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ToolPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Keep child processes light on a shared 2-core machine.
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_TieredPGO"] = "0";
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string ToolPath { get; } = Path.Combine(AppContext.BaseDirectory, "gpuvalidate.dll");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public int ExitCode => _process.ExitCode;

    public int Id => _process.Id;

    public static CliProcess Start(params string[] args) => new(args);

    /// <summary>Runs to completion and returns the exit code, output and error text.</summary>
    public static (int Code, string Output, string Error) Run(TimeSpan timeout, params string[] args)
    {
        using var process = Start(args);
        if (!process.WaitForExit(timeout))
        {
            process.Kill();
            throw new TimeoutException($"gpuvalidate {string.Join(' ', args)} ran longer than {timeout}; output so far:\n{process.Output}\n{process.Error}");
        }

        return (process.ExitCode, process.Output, process.Error);
    }

    /// <summary>Waits for the output to contain <paramref name="text"/>; false if the process ends or time runs out first.</summary>
    public bool WaitForOutput(string text, TimeSpan timeout) => WaitFor(() => Output, text, timeout);

    /// <summary>Waits for standard error to contain <paramref name="text"/>; false if the process ends or time runs out first.</summary>
    public bool WaitForError(string text, TimeSpan timeout) => WaitFor(() => Error, text, timeout);

    private bool WaitFor(Func<string> stream, string text, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (stream().Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            if (_process.HasExited)
            {
                // Drains the asynchronous readers before the last look.
                _process.WaitForExit();
                return stream().Contains(text, StringComparison.Ordinal);
            }

            Thread.Sleep(1);
        }

        return false;
    }

    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        // Drains the asynchronous output readers.
        _process.WaitForExit();
        return true;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL on Unix: no handler runs, nothing is flushed.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }
}
