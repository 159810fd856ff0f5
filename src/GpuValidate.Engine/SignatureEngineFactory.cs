using GpuValidate.Engine.Backends;
using GpuValidate.Engine.Backends.Cpu;

namespace GpuValidate.Engine;

/// <summary>Creates a signature engine for a backend choice.</summary>
public static class SignatureEngineFactory
{
    /// <summary>
    /// An engine for <paramref name="backend"/> over <paramref name="threads"/> CPU threads (all cores when 0).
    /// </summary>
    /// <exception cref="NotSupportedException">The backend cannot run on this machine.</exception>
    public static ISignatureEngine Create(BackendKind backend, int threads = 0) => backend switch
    {
        BackendKind.Auto or BackendKind.Native => CpuEngine.CreateNative(threads),
        BackendKind.Managed => CpuEngine.CreateManaged(threads),
        _ => throw new NotSupportedException($"backend '{backend.ToName()}' is not available in this build"),
    };
}
