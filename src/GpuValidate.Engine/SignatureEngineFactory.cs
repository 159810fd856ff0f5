using GpuValidate.Engine.Backends;
using GpuValidate.Engine.Backends.Cpu;
using GpuValidate.Engine.Selection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GpuValidate.Engine;

/// <summary>Creates a signature engine for a backend choice.</summary>
public static class SignatureEngineFactory
{
    /// <summary>
    /// An engine for <paramref name="backend"/> over <paramref name="threads"/> CPU threads (all cores when 0).
    /// <see cref="BackendKind.Auto"/> picks as <see cref="Select"/> does.
    /// </summary>
    /// <exception cref="BackendUnavailableException">The backend cannot run on this machine.</exception>
    public static ISignatureEngine Create(BackendKind backend, int threads = 0) => backend switch
    {
        BackendKind.Native => CpuEngine.CreateNative(threads),
        BackendKind.Managed => CpuEngine.CreateManaged(threads),
        _ => Select(new EngineOptions { Backend = backend, Threads = threads }).Engine,
    };

    /// <summary>
    /// Builds the engine <paramref name="options"/> ask for, and says which backend runs it and why. The choice
    /// is logged once to <paramref name="logger"/>. <c>auto</c> never throws: it falls back to the CPU.
    /// </summary>
    /// <exception cref="BackendUnavailableException">An explicit backend cannot run on this machine.</exception>
    public static EngineSelection Select(EngineOptions options, ILogger? logger = null) =>
        new BackendSelector(IlgpuDevices.Candidates, () => NativeLibraryProbe.FailureReason)
            .Select(options, logger ?? NullLogger.Instance);
}
