using ILGPU;

namespace GpuValidate.Engine.Backends.Ilgpu;

/// <summary>
/// How ILGPU inlines the kernels' calls when it compiles them for a device, chosen with the environment variable
/// <c>GPUVALIDATE_ILGPU_INLINING</c> (<c>default</c>, <c>conservative</c> or <c>disabled</c>; unset is <c>default</c>,
/// which is also ILGPU's aggressive mode). It is there to measure a trade-off only a GPU can settle: with the default, field and
/// scalar arithmetic are inlined into every point operation (about 3 MB of PTX per signature kernel, a few seconds to
/// compile and load); conservative inlining keeps them as calls (a quarter of the size, compiled ten times faster),
/// which costs a call per operation unless the driver's own compiler inlines them back, and disabled inlines nothing. Every mode computes the same
/// results; the conformance run checks that on the device.
/// </summary>
public static class IlgpuInlining
{
    /// <summary>The environment variable read by <see cref="FromEnvironment"/>.</summary>
    public const string Variable = "GPUVALIDATE_ILGPU_INLINING";

    /// <summary>Parses a mode name (case-insensitive); null or empty is the default mode.</summary>
    public static bool TryParse(string? value, out InliningMode mode)
    {
        InliningMode? parsed = string.IsNullOrWhiteSpace(value) ? InliningMode.Default : value.Trim().ToLowerInvariant() switch
        {
            "default" => InliningMode.Default,
            "conservative" => InliningMode.Conservative,
            "disabled" => InliningMode.Disabled,
            _ => null,
        };
        mode = parsed ?? InliningMode.Default;
        return parsed is not null;
    }

    /// <summary>The mode <see cref="Variable"/> names.</summary>
    /// <exception cref="InvalidOperationException">The variable holds something else than a mode name.</exception>
    public static InliningMode FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        return TryParse(value, out var mode)
            ? mode
            : throw new InvalidOperationException($"{Variable}={value}: expected default, conservative or disabled");
    }

    /// <summary>The mode's name as <see cref="TryParse"/> reads it.</summary>
    public static string Name(InliningMode mode) => mode.ToString().ToLowerInvariant();
}
