namespace GpuValidate.Pipeline.Pool;

/// <summary>When a pool-mode batch closes: at <see cref="MaxBatchSize"/> items or <see cref="MaxDelay"/>, whichever comes first.</summary>
public sealed record BatchingOptions
{
    /// <summary>The most items in one batch.</summary>
    public int MaxBatchSize { get; init; } = 1024;

    /// <summary>The longest a submitted item waits for its batch to close.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Submissions queued before <c>SubmitAsync</c> waits (back-pressure); at least one batch.</summary>
    public int QueueCapacity { get; init; } = 8192;
}
