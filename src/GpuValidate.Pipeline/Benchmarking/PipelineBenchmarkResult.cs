using GpuValidate.Pipeline.Processing;

namespace GpuValidate.Pipeline.Benchmarking;

/// <summary>What <see cref="PipelineBenchmark"/> measured on one in-memory workload.</summary>
public sealed record PipelineBenchmarkResult
{
    /// <summary>The number of blocks.</summary>
    public int Blocks { get; init; }

    /// <summary>The number of transactions.</summary>
    public long Transactions { get; init; }

    /// <summary>Transactions included (valid).</summary>
    public long Valid { get; init; }

    /// <summary>The number of accounts (K).</summary>
    public int Accounts { get; init; }

    /// <summary>Applier threads of the parallel runs.</summary>
    public int Threads { get; init; }

    /// <summary>Time to generate and sign the workload (not part of any rate).</summary>
    public TimeSpan GenerateTime { get; init; }

    /// <summary>Wall time of the end-to-end pipeline run.</summary>
    public TimeSpan EndToEndTime { get; init; }

    /// <summary>Busy time per stage in the end-to-end run.</summary>
    public IReadOnlyDictionary<PipelineStage, TimeSpan> StageTimes { get; init; } = new Dictionary<PipelineStage, TimeSpan>();

    /// <summary>The sequential reference applier's apply time over every block (commits excluded).</summary>
    public TimeSpan SequentialApplyTime { get; init; }

    /// <summary>The parallel applier's scheduling time on one thread (the same work as <see cref="ParallelScheduleTime"/>).</summary>
    public TimeSpan SingleThreadScheduleTime { get; init; }

    /// <summary>The parallel applier's apply time on one thread: its data layout without the parallelism.</summary>
    public TimeSpan SingleThreadApplyTime { get; init; }

    /// <summary>The parallel applier's scheduling time over every block.</summary>
    public TimeSpan ParallelScheduleTime { get; init; }

    /// <summary>The parallel applier's apply time over every block (commits excluded).</summary>
    public TimeSpan ParallelApplyTime { get; init; }

    /// <summary>
    /// The parallel applier's time over every block when handed each block whole (<see cref="Execution.IBlockApplier"/>):
    /// it schedules on one thread while the others already apply.
    /// </summary>
    public TimeSpan ParallelOverlappedTime { get; init; }

    /// <summary>The optimistic (execute, then validate in order) applier's time over every block.</summary>
    public TimeSpan OptimisticTime { get; init; }

    /// <summary>Transactions the optimistic applier re-executed after a conflict, over every block of one round.</summary>
    public long OptimisticReexecuted { get; init; }

    /// <summary>Mean conflict-free layers per block.</summary>
    public double MeanLayers { get; init; }

    /// <summary>
    /// True when the sequential, parallel and end-to-end runs ended on the same state root, and every end-to-end run
    /// gave the first one's root after every block.
    /// </summary>
    public bool RootsMatch { get; init; }

    /// <summary>The final state root.</summary>
    public string StateRoot { get; init; } = "";

    /// <summary>Time for native libsecp256k1 on every core to recover every sender, in the pipeline's batches.</summary>
    public TimeSpan NativeRecoveryTime { get; init; }

    /// <summary>The stage with the most busy time: the one that bounds the end-to-end rate.</summary>
    public PipelineStage Bottleneck => StageTimes.Count == 0 ? PipelineStage.Read : StageTimes.MaxBy(p => p.Value).Key;

    /// <summary>
    /// The stages' busy time summed over the end-to-end wall time: above 1 when stages overlap, at most the number of
    /// stages.
    /// </summary>
    public double Overlap => StageTimes.Values.Sum(t => t.TotalSeconds) / Math.Max(EndToEndTime.TotalSeconds, 1e-9);

    /// <summary>End-to-end transactions per second.</summary>
    public double EndToEndRate => Rate(EndToEndTime);

    /// <summary>The signature-recovery bound: native recovery's transactions per second.</summary>
    public double NativeRecoveryRate => Rate(NativeRecoveryTime);

    /// <summary>The parallel applier's speedup over the sequential one, each handed whole blocks (scheduling included).</summary>
    public double ApplierSpeedup => SequentialApplyTime / ParallelOverlappedTime;

    /// <summary>The speedup when the whole block is scheduled first and then applied, one step after the other.</summary>
    public double ScheduleThenApplySpeedup => SequentialApplyTime / (ParallelScheduleTime + ParallelApplyTime);

    /// <summary>The parallel applier's speedup over itself on one thread: what the threads alone bring.</summary>
    public double ThreadSpeedup => (SingleThreadScheduleTime + SingleThreadApplyTime) / ParallelOverlappedTime;

    /// <summary>The speedup of the apply step alone (scheduling overlaps the previous block in the pipeline).</summary>
    public double ApplyOnlySpeedup => SequentialApplyTime / ParallelApplyTime;

    /// <summary>Transactions per second over <paramref name="time"/>.</summary>
    public double Rate(TimeSpan time) => Transactions / Math.Max(time.TotalSeconds, 1e-9);
}
