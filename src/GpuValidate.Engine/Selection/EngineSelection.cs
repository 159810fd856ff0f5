using GpuValidate.Engine.Backends;

namespace GpuValidate.Engine.Selection;

/// <summary>The engine <see cref="SignatureEngineFactory.Select"/> built, and why.</summary>
/// <param name="Engine">The engine; the caller owns and disposes it.</param>
/// <param name="Backend">The backend that runs the work (for a GPU+CPU split, the GPU's).</param>
/// <param name="Reason">One human-readable sentence: what was picked and why.</param>
public sealed record EngineSelection(ISignatureEngine Engine, BackendKind Backend, string Reason);
