using GpuValidate.Pipeline.Execution;
using GpuValidate.Pipeline.Validation;

namespace GpuValidate.Pipeline.Processing;

/// <summary>How block mode validates and applies.</summary>
public sealed record BlockPipelineOptions
{
    /// <summary>The chain and fork transactions are validated for.</summary>
    public ValidationOptions Validation { get; init; } = new();

    /// <summary>Applier threads: 1 runs the sequential reference applier, 0 uses every core.</summary>
    public int ApplierThreads { get; init; }

    /// <summary>Runs contract transactions; null gives them <c>requires-executor</c>.</summary>
    public ITransactionExecutor? Executor { get; init; }

    /// <summary>Blocks each stage may hold ready for the next before it waits (back-pressure).</summary>
    public int ChannelCapacity { get; init; } = 2;
}
