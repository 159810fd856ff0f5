using GpuValidate.Engine.Backends.Cpu;

namespace GpuValidate.Engine.Tests.Backends;

public sealed class CpuWorkerPoolTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 5)]
    [InlineData(2, 7)]
    [InlineData(2, 8)]
    [InlineData(2, 17)]
    [InlineData(3, 1000)]
    [InlineData(4, 10_001)]
    public void Every_item_is_visited_exactly_once(int threads, int count)
    {
        using var pool = new CpuWorkerPool(() => new ProbeWorker(), threads);
        var hits = new int[count];

        pool.Run(count, (_, start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                Interlocked.Increment(ref hits[i]);
            }
        });

        Assert.All(hits, h => Assert.Equal(1, h));
    }

    [Fact]
    public void A_worker_is_never_used_by_two_threads_at_once()
    {
        using var pool = new CpuWorkerPool(() => new ProbeWorker(), 4);

        Parallel.For(0, 8, _ => pool.Run(4000, (worker, start, end) =>
        {
            var probe = (ProbeWorker)worker;
            Assert.Equal(0, Interlocked.Exchange(ref probe.InUse, 1));
            Thread.SpinWait(100 * (end - start));
            Assert.Equal(1, Interlocked.Exchange(ref probe.InUse, 0));
        }));
    }

    [Fact]
    public void Concurrent_callers_each_get_their_whole_batch()
    {
        using var pool = new CpuWorkerPool(() => new ProbeWorker(), 2);
        var totals = new long[16];

        Parallel.For(0, totals.Length, c => pool.Run(1000 + c, (_, start, end) => Interlocked.Add(ref totals[c], end - start)));

        for (var c = 0; c < totals.Length; c++)
        {
            Assert.Equal(1000 + c, totals[c]);
        }
    }

    [Fact]
    public void A_failing_chunk_is_rethrown_on_the_caller_and_the_pool_stays_usable()
    {
        using var pool = new CpuWorkerPool(() => new ProbeWorker(), 2);

        var e = Assert.Throws<InvalidOperationException>(() => pool.Run(1000, (_, start, _) =>
        {
            if (start == 0)
            {
                throw new InvalidOperationException("bug");
            }
        }));
        var visited = 0;
        pool.Run(1000, (_, start, end) => Interlocked.Add(ref visited, end - start));

        Assert.Equal("bug", e.Message);
        Assert.Equal(1000, visited);
    }

    [Fact]
    public void A_worker_that_cannot_be_created_fails_the_batch_on_the_caller()
    {
        using var pool = new CpuWorkerPool(() => throw new DllNotFoundException("libsecp256k1"), 2);

        Assert.Throws<DllNotFoundException>(() => pool.Run(1000, (_, _, _) => { }));
        Assert.Throws<DllNotFoundException>(() => pool.Run(1000, (_, _, _) => { }));
    }

    [Fact]
    public void Dispose_disposes_every_worker_once()
    {
        var workers = new List<ProbeWorker>();
        var pool = new CpuWorkerPool(
            () =>
            {
                var w = new ProbeWorker();
                lock (workers)
                {
                    workers.Add(w);
                }

                return w;
            },
            2);
        pool.Run(1000, (_, _, _) => { });

        pool.Dispose();
        pool.Dispose();

        Assert.NotEmpty(workers);
        Assert.All(workers, w => Assert.Equal(1, w.Disposals));
        Assert.Throws<ObjectDisposedException>(() => pool.Run(1, (_, _, _) => { }));
    }

    /// <summary>A worker that does no cryptography: the pool only hands it around.</summary>
    private sealed class ProbeWorker : ICpuWorker
    {
        public int InUse;

        public int Disposals { get; private set; }

        public SignatureError VerifyEcdsa(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> lowS64, ReadOnlySpan<byte> publicKey) => throw new NotSupportedException();

        public SignatureError VerifySchnorr(ReadOnlySpan<byte> publicKey32, ReadOnlySpan<byte> signature64, ReadOnlySpan<byte> message) => throw new NotSupportedException();

        public SignatureError Recover(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> rs64, int recoveryId, Span<byte> publicKey64) => throw new NotSupportedException();

        public void Dispose() => Disposals++;
    }
}
