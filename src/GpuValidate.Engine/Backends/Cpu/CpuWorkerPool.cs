using System.Collections.Concurrent;

namespace GpuValidate.Engine.Backends.Cpu;

/// <summary>
/// Runs a batch over all cores: the item range is cut into chunks that worker threads claim one at a time
/// (so a slow core does not hold up the batch), and each worker rents one <see cref="ICpuWorker"/> for its
/// whole share, so contexts are created once and never shared between threads.
/// </summary>
internal sealed class CpuWorkerPool : IDisposable
{
    // Below this many items per thread, starting threads costs more than it saves.
    private const int MinItemsPerThread = 8;

    // Chunks per thread: enough to even out uneven cores, few enough that claiming costs nothing.
    private const int ChunksPerThread = 4;

    private readonly Func<ICpuWorker> _factory;
    private readonly ConcurrentBag<ICpuWorker> _idle = [];
    private readonly ConcurrentBag<ICpuWorker> _all = [];
    private int _disposed;

    public CpuWorkerPool(Func<ICpuWorker> factory, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _factory = factory;
        Threads = threads;
    }

    public int Threads { get; }

    /// <summary>Calls <paramref name="body"/>(worker, start, end) over disjoint ranges covering [0, count).</summary>
    public void Run(int count, Action<ICpuWorker, int, int> body)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (count == 0)
        {
            return;
        }

        var threads = Math.Min(Threads, Math.Max(1, count / MinItemsPerThread));
        if (threads == 1)
        {
            RunOne(count, body);
            return;
        }

        var chunkSize = Math.Max(MinItemsPerThread, (count + (threads * ChunksPerThread) - 1) / (threads * ChunksPerThread));
        var chunks = (count + chunkSize - 1) / chunkSize;
        var next = -1;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ =>
        {
            var worker = Rent();
            try
            {
                int chunk;
                while ((chunk = Interlocked.Increment(ref next)) < chunks)
                {
                    var start = chunk * chunkSize;
                    body(worker, start, Math.Min(count, start + chunkSize));
                }
            }
            finally
            {
                _idle.Add(worker);
            }
        });
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

        foreach (var worker in _all)
        {
            worker.Dispose();
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
}
