using System.Diagnostics.Metrics;

namespace GpuValidate.Pipeline.Pool;

/// <summary>Pool-mode counters (meter <c>GpuValidate.Pipeline</c>).</summary>
internal static class PoolMetrics
{
    private static readonly Histogram<int> BatchSize = PipelineMeter.Meter.CreateHistogram<int>(
        "gpuvalidate.pool.batch_size", description: "Transactions per pool-mode batch");

    public static void RecordBatch(int size) => BatchSize.Record(size);
}
