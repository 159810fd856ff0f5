using System.Diagnostics;

namespace GpuValidate.Pipeline.Processing;

/// <summary>Busy time per stage (time spent working, not waiting on a channel); thread-safe.</summary>
public sealed class StageTimings
{
    private readonly long[] _ticks = new long[Enum.GetValues<PipelineStage>().Length];

    /// <summary>The time <paramref name="stage"/> spent working so far.</summary>
    public TimeSpan this[PipelineStage stage] =>
        TimeSpan.FromSeconds((double)Interlocked.Read(ref _ticks[(int)stage]) / Stopwatch.Frequency);

    /// <summary>Adds the time since <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/>) to <paramref name="stage"/>.</summary>
    public void AddSince(PipelineStage stage, long startTimestamp) =>
        Interlocked.Add(ref _ticks[(int)stage], Stopwatch.GetTimestamp() - startTimestamp);
}
