using System.Collections.Concurrent;
using System.Diagnostics;

namespace GpuValidate.Pipeline.Scheduling;

/// <summary>
/// Helper threads the parallel appliers share, one fewer than the cores, started on first use and kept for the
/// life of the process. A block's work is a few hundred microseconds; a work item handed to the .NET thread pool
/// waited 40 us (median) for a thread to pick it up, measured on a 2-core VM, and often far longer while the pool's
/// threads were busy elsewhere, so a dedicated thread blocked on its own queue starts sooner (26 us median there).
/// Callers never wait for a helper to start: every job can be finished by its caller alone, and a helper that
/// arrives after the work is gone returns at once.
/// </summary>
internal static class ApplierHelpers
{
    private static readonly Lazy<BlockingCollection<IHelperJob>> Queue = new(Start);

    /// <summary>How long a helper looks for the next job after one before it blocks.</summary>
    public static TimeSpan PollWindow { get; } = TimeSpan.FromMicroseconds(100);

    /// <summary>The number of helper threads.</summary>
    public static int Count { get; } = Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>
    /// Wakes up to <paramref name="helpers"/> helper threads ahead of work about to be offered: each then polls for
    /// it for up to <see cref="PollWindow"/> instead of being woken again when it comes. A caller that has some
    /// serial work to do first (sizing and allocating a block's arrays) so hides the helpers' wake-up behind it.
    /// </summary>
    public static void Wake(int helpers) => Offer(Nothing.Instance, helpers);

    /// <summary>Offers <paramref name="job"/> to up to <paramref name="helpers"/> helper threads.</summary>
    public static void Offer(IHelperJob job, int helpers)
    {
        var queue = Queue.Value;
        for (var i = 0; i < Math.Min(helpers, Count); i++)
        {
            queue.Add(job);
        }
    }

    private static BlockingCollection<IHelperJob> Start()
    {
        var queue = new BlockingCollection<IHelperJob>();
        for (var i = 0; i < Count; i++)
        {
            new Thread(() =>
            {
                while (true)
                {
                    // After any job (a wake-up included), look for the next one for a while before sleeping: blocks
                    // come back to back, and a wake-up announces work.
                    var job = Poll(queue) ?? queue.Take();
                    job.Help();
                }
            })
            {
                IsBackground = true,
                Name = $"gpuvalidate applier {i + 1}",
            }.Start();
        }

        return queue;
    }

    private static IHelperJob? Poll(BlockingCollection<IHelperJob> queue)
    {
        var until = Stopwatch.GetTimestamp() + (long)(PollWindow.TotalSeconds * Stopwatch.Frequency);
        var spin = default(SpinWait);
        do
        {
            if (queue.TryTake(out var job))
            {
                return job;
            }

            spin.SpinOnce(sleep1Threshold: -1);
        }
        while (Stopwatch.GetTimestamp() < until);

        return null;
    }

    /// <summary>The job a wake-up posts.</summary>
    private sealed class Nothing : IHelperJob
    {
        public static readonly Nothing Instance = new();

        public void Help()
        {
        }
    }
}

/// <summary>Work a helper thread can join: <see cref="Help"/> must not throw and must not wait for other helpers.</summary>
internal interface IHelperJob
{
    /// <summary>Joins the work, or returns at once if none is left.</summary>
    void Help();
}
