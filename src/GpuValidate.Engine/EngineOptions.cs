using GpuValidate.Engine.Backends;

namespace GpuValidate.Engine;

/// <summary>How <see cref="SignatureEngineFactory.Select"/> builds an engine.</summary>
public sealed record EngineOptions
{
    /// <summary>The backend to use; <see cref="BackendKind.Auto"/> picks the fastest that works here.</summary>
    public BackendKind Backend { get; init; } = BackendKind.Auto;

    /// <summary>CPU threads for the native and managed backends and the CPU share of a split; 0 means all cores.</summary>
    public int Threads { get; init; }

    /// <summary>
    /// With <see cref="BackendKind.Auto"/> and a GPU present, split every batch between the GPUs and the CPU in
    /// proportion to their measured rates. An explicit <c>cuda</c>/<c>opencl</c>/<c>ilgpu-cpu</c> always runs on
    /// the accelerators alone, so that a conformance run tests the device and nothing else.
    /// </summary>
    public bool SplitWithCpu { get; init; } = true;

    /// <summary>
    /// Batches with fewer items than this go to the CPU alone in a split; <c>null</c> measures it at start-up
    /// (the GPU's launch latency times the CPU's rate), falling back to <see cref="Backends.Hybrid.HybridOptions.DefaultCrossover"/>.
    /// </summary>
    public int? Crossover { get; init; }

    /// <summary>Items per device in the split's start-up calibration; 0 skips it (devices start equal and adapt).</summary>
    public int CalibrationItems { get; init; } = 4096;
}
