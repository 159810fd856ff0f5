using System.Diagnostics.Metrics;

namespace GpuValidate.Engine.Backends.Hybrid;

/// <summary>
/// The split's counters, readable with <c>dotnet-counters monitor GpuValidate.Engine</c> or OpenTelemetry: items per
/// device and operation, batch sizes, and devices dropped after a fault.
/// </summary>
internal static class HybridMetrics
{
    public const string MeterName = "GpuValidate.Engine";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Items = Meter.CreateCounter<long>(
        "gpuvalidate.engine.items", "{item}", "Items processed, by device and operation");

    public static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>(
        "gpuvalidate.engine.batch_size", "{item}", "Items per batch given to the split");

    public static readonly Counter<long> DeviceFaults = Meter.CreateCounter<long>(
        "gpuvalidate.engine.device_faults", "{fault}", "GPUs dropped after a fault, their share re-run on the CPU");
}
