using GpuValidate.Engine.Backends.Cpu;

namespace GpuValidate.Engine.Selection;

/// <summary>Whether the native libsecp256k1 bundled by Secp256k1.Net loads and works on this platform.</summary>
internal static class NativeLibraryProbe
{
    private static readonly Lazy<string?> Failure = new(Probe);

    /// <summary>Null when the library loads and passes the known-answer check; otherwise why not.</summary>
    public static string? FailureReason => Failure.Value;

    private static string? Probe()
    {
        try
        {
            using var engine = CpuEngine.CreateNative(1);
            return KnownAnswerCheck.Passes(engine, out var failure) ? null : $"known-answer check failed: {failure}";
        }
#pragma warning disable CA1031 // Any load failure (DllNotFound, BadImageFormat, EntryPointNotFound) means "use managed".
        catch (Exception e)
#pragma warning restore CA1031
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }
}
