using System.CommandLine;
using GpuValidate.Engine;
using GpuValidate.Engine.Backends;
using GpuValidate.Engine.Selection;
using Microsoft.Extensions.Logging;

namespace GpuValidate.Cli.Commands;

/// <summary>The <c>--backend</c> option of the commands that do signature work, and the engine it selects.</summary>
internal static class SignatureBackendOption
{
    public static Option<BackendKind> Create() => new("--backend")
    {
        Description = $"What runs the signature work: {string.Join(", ", BackendNames.All)} (ilgpu-cpu is slow, for tests). Default: auto.",
        HelpName = "backend",
        CustomParser = result =>
        {
            var name = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
            if (BackendNames.TryParse(name, out var kind))
            {
                return kind;
            }

            result.AddError($"unknown backend '{name}'; expected one of {string.Join(", ", BackendNames.All)}");
            return BackendKind.Auto;
        },
    };

    /// <summary>Selects the engine, logging the choice to standard error; an unavailable backend is a one-line input error.</summary>
    public static EngineSelection Select(BackendKind backend, ILogger? logger = null)
    {
        try
        {
            return SignatureEngineFactory.Select(new EngineOptions { Backend = backend }, logger ?? StandardErrorLogger);
        }
        catch (BackendUnavailableException e)
        {
            throw new CliInputException(e.Message);
        }
    }

    private static ILogger StandardErrorLogger { get; } = LoggerFactory
        .Create(builder => builder
            .SetMinimumLevel(LogLevel.Information)
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace))
        .CreateLogger("gpuvalidate");
}
