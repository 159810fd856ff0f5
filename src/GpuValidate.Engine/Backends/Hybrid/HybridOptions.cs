namespace GpuValidate.Engine.Backends.Hybrid;

/// <summary>How a <see cref="HybridEngine"/> splits batches between GPUs and the CPU.</summary>
public sealed record HybridOptions
{
    /// <summary>
    /// The crossover used when none is given and none can be measured: below it a kernel launch costs more than the
    /// CPU needs for the whole batch (Solana measures about 64 signatures; a PCIe round trip and a launch cost
    /// some tens of microseconds, which one core spends on a handful of verifies and all cores on about a hundred).
    /// </summary>
    public const int DefaultCrossover = 128;

    /// <summary>Batches below this many items go to the CPU alone; <c>null</c> measures it in <see cref="HybridEngine.Calibrate"/>.</summary>
    public int? Crossover { get; init; }

    /// <summary>Weight of the newest measurement in each device's moving average of items per second.</summary>
    public double Smoothing { get; init; } = 0.3;

    /// <summary>Items per device in the start-up calibration run; 0 skips calibration (all devices start equal).</summary>
    public int CalibrationItems { get; init; } = 4096;
}
