using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace GpuValidate.Engine.Backends.Hybrid;

/// <summary>
/// One GPU's work queue: a dedicated host thread that runs the shares given to its device in arrival order, so
/// several GPUs work at once without a thread started per batch, and callers from many threads share a device
/// without contending for it.
/// </summary>
internal sealed class DeviceQueue : IDisposable
{
    private readonly BlockingCollection<Job> _jobs = [];
    private readonly Thread _thread;

    public DeviceQueue(string name)
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = $"gpuvalidate {name}" };
        _thread.Start();
    }

    /// <summary>Queues <paramref name="work"/>; wait on the returned job for its time or its exception.</summary>
    public Job Enqueue(Action work)
    {
        var job = new Job(work);
        _jobs.Add(job);
        return job;
    }

    public void Dispose()
    {
        _jobs.CompleteAdding();
        _thread.Join();
        _jobs.Dispose();
    }

    private void Loop()
    {
        foreach (var job in _jobs.GetConsumingEnumerable())
        {
            job.Execute();
        }
    }

    /// <summary>One share of one batch on the device.</summary>
    internal sealed class Job(Action work)
    {
        private readonly ManualResetEventSlim _done = new();
        private ExceptionDispatchInfo? _error;
        private TimeSpan _elapsed;

        /// <summary>Blocks until the job ran; rethrows what it threw, else returns how long it took.</summary>
        public TimeSpan Wait()
        {
            _done.Wait();
            _error?.Throw();
            return _elapsed;
        }

        internal void Execute()
        {
            var watch = Stopwatch.StartNew();
            try
            {
                work();
            }
#pragma warning disable CA1031 // The exception is handed to the waiting caller, which decides.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _error = ExceptionDispatchInfo.Capture(e);
            }

            _elapsed = watch.Elapsed;
            _done.Set();
        }
    }
}
