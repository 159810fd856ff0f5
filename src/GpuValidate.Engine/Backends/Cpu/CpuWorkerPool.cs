using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace GpuValidate.Engine.Backends.Cpu;

/// <summary>
/// Runs a batch over all cores: the item range is cut into chunks that threads claim one at a time (so a slow or
/// busy core does not hold up the batch), and each thread rents one <see cref="ICpuWorker"/> for its whole share,
/// so contexts are created once and never shared between threads. The pool owns <c>threads - 1</c> dedicated
/// helper threads and the caller works too: a batch never waits for the .NET thread pool to grow (callers on
/// thread-pool threads, as in a pipeline, would otherwise starve it), and if the helpers are busy with another
/// caller's batch the caller simply claims more chunks itself.
/// </summary>
internal sealed class CpuWorkerPool : IDisposable
{
    // Below this many items per thread, waking a helper costs more than it saves.
    private const int MinItemsPerThread = 8;

    // Chunks per thread: enough to even out uneven or busy cores (in a pipeline the caller's thread is preempted by
    // the other stages, and a thread holding a big chunk then holds up the batch; 32 beat 4 by 5-8 points of the
    // recovery bound end to end, see docs/benchmarks.md), few enough that claiming (one interlocked add) costs nothing.
    private const int ChunksPerThread = 32;

    private readonly Func<ICpuWorker> _factory;
    private readonly ConcurrentBag<ICpuWorker> _idle = [];
    private readonly ConcurrentBag<ICpuWorker> _all = [];
    private readonly BlockingCollection<Job> _jobs = [];
    private readonly Thread[] _helpers;
    private int _disposed;

    public CpuWorkerPool(Func<ICpuWorker> factory, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _factory = factory;
        Threads = threads;
        _helpers = new Thread[threads - 1];
        for (var i = 0; i < _helpers.Length; i++)
        {
            _helpers[i] = new Thread(Help) { IsBackground = true, Name = $"gpuvalidate cpu {i + 1}" };
            _helpers[i].Start();
        }
    }

    public int Threads { get; }

    /// <summary>
    /// Calls <paramref name="body"/>(worker, start, end) over disjoint ranges covering [0, count), waking a helper
    /// only for at least <paramref name="minItemsPerThread"/> items each (cheap items, such as hashes, want more).
    /// </summary>
    public void Run(int count, Action<ICpuWorker, int, int> body, int minItemsPerThread = MinItemsPerThread)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (count == 0)
        {
            return;
        }

        var threads = Math.Min(Threads, Math.Max(1, count / minItemsPerThread));
        if (threads == 1)
        {
            RunOne(count, body);
            return;
        }

        var chunkSize = Math.Max(minItemsPerThread, (count + (threads * ChunksPerThread) - 1) / (threads * ChunksPerThread));
        var job = new Job(body, count, chunkSize);
        for (var i = 1; i < threads; i++)
        {
            _jobs.Add(job);
        }

        job.Work(this);
        job.Wait();
    }

    /// <summary>Runs on the calling thread with one worker: the single-core path and small batches.</summary>
    public void RunOne(int count, Action<ICpuWorker, int, int> body)
    {
        var worker = Rent();
        try
        {
            body(worker, 0, count);
        }
        finally
        {
            _idle.Add(worker);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _jobs.CompleteAdding();
        foreach (var helper in _helpers)
        {
            helper.Join();
        }

        _jobs.Dispose();
        foreach (var worker in _all)
        {
            worker.Dispose();
        }
    }

    private void Help()
    {
        foreach (var job in _jobs.GetConsumingEnumerable())
        {
            job.Work(this);
        }
    }

    private ICpuWorker Rent()
    {
        if (_idle.TryTake(out var worker))
        {
            return worker;
        }

        worker = _factory();
        _all.Add(worker);
        return worker;
    }

    /// <summary>One batch: chunks claimed with one interlocked increment, done when every chunk has run.</summary>
    private sealed class Job(Action<ICpuWorker, int, int> body, int count, int chunkSize)
    {
        private readonly int _chunks = (count + chunkSize - 1) / chunkSize;
        private readonly ManualResetEventSlim _done = new();
        private int _next = -1;
        private int _finished;
        private Exception? _error;

        /// <summary>Claims and runs chunks until none are left; a helper arriving late finds none and leaves.</summary>
        public void Work(CpuWorkerPool pool)
        {
            if (Volatile.Read(ref _next) >= _chunks - 1)
            {
                return;
            }

            ICpuWorker? worker = null;
            try
            {
                worker = pool.Rent();
            }
#pragma warning disable CA1031 // A worker that cannot be created (the library does not load) fails the batch on the caller.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Interlocked.CompareExchange(ref _error, e, null);
            }

            try
            {
                int chunk;
                while ((chunk = Interlocked.Increment(ref _next)) < _chunks)
                {
                    // After a failure the remaining chunks are only counted, so the caller is released promptly.
                    if (worker is not null && Volatile.Read(ref _error) is null)
                    {
                        try
                        {
                            var start = chunk * chunkSize;
                            body(worker, start, Math.Min(count, start + chunkSize));
                        }
#pragma warning disable CA1031 // Rethrown on the caller's thread by Wait.
                        catch (Exception e)
#pragma warning restore CA1031
                        {
                            Interlocked.CompareExchange(ref _error, e, null);
                        }
                    }

                    if (Interlocked.Increment(ref _finished) == _chunks)
                    {
                        _done.Set();
                    }
                }
            }
            finally
            {
                if (worker is not null)
                {
                    pool._idle.Add(worker);
                }
            }
        }

        /// <summary>Blocks until every chunk has run; rethrows the first exception a chunk threw.</summary>
        public void Wait()
        {
            _done.Wait();
            if (_error is not null)
            {
                ExceptionDispatchInfo.Throw(_error);
            }
        }
    }
}
