using System.Collections.Concurrent;
using System.Diagnostics;
using GpuValidate.Pipeline.Pool;
using Xunit.Abstractions;

namespace GpuValidate.Pipeline.Tests.Pool;

public sealed class LatencyBatcherTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_submission_is_answered_exactly_once_with_its_own_result()
    {
        var seed = TestRandom.Seed(output, 5);
        var seen = new ConcurrentDictionary<int, int>();
        var sizes = new ConcurrentBag<int>();
        var options = new BatchingOptions { MaxBatchSize = 64, MaxDelay = TimeSpan.FromMilliseconds(2), QueueCapacity = 64 };
        var batcher = new LatencyBatcher<int, long>(
            (items, results) =>
            {
                for (var i = 0; i < items.Length; i++)
                {
                    seen.AddOrUpdate(items.Span[i], 1, (_, n) => n + 1);
                    results.Span[i] = (long)items.Span[i] * items.Span[i];
                }
            },
            options);
        batcher.BatchClosed += sizes.Add;
        var producers = 4;
        var perProducer = 2_000 * TestRandom.Scale;

        var answers = await Task.WhenAll(Enumerable.Range(0, producers).Select(p => Task.Run(async () =>
        {
            var random = new Random(seed + p);
            var mine = new List<(int Item, long Result)>();
            var i = 0;
            while (i < perProducer)
            {
                // Bursts of random size, some smaller than a batch (closed by the delay), some larger.
                var burst = Math.Min(random.Next(1, 150), perProducer - i);
                var items = Enumerable.Range((p * perProducer) + i, burst).ToArray();
                var results = await Task.WhenAll(items.Select(item => batcher.SubmitAsync(item).AsTask()));
                mine.AddRange(items.Zip(results));
                i += burst;
            }

            return mine;
        })));
        await batcher.DisposeAsync();

        var all = answers.SelectMany(a => a).ToList();
        Assert.Equal(producers * perProducer, all.Count);
        Assert.All(all, a => Assert.Equal((long)a.Item * a.Item, a.Result));
        Assert.Equal(producers * perProducer, seen.Count);
        Assert.All(seen.Values, n => Assert.Equal(1, n));
        Assert.All(sizes, s => Assert.InRange(s, 1, options.MaxBatchSize));
        Assert.Equal(producers * perProducer, sizes.Sum());
    }

    [Fact]
    public async Task A_lone_item_is_answered_after_the_delay_bound_not_when_the_batch_fills()
    {
        var delay = TimeSpan.FromMilliseconds(100);
        var batcher = new LatencyBatcher<int, int>(Copy, new BatchingOptions { MaxBatchSize = 10_000, MaxDelay = delay });
        var clock = Stopwatch.StartNew();

        var result = await batcher.SubmitAsync(7).AsTask().WaitAsync(TimeSpan.FromSeconds(60));
        var elapsed = clock.Elapsed;
        await batcher.DisposeAsync();

        output.WriteLine($"answered after {elapsed.TotalMilliseconds:F1} ms");
        Assert.Equal(7, result);
        Assert.True(elapsed >= delay - TimeSpan.FromMilliseconds(15), $"closed early, after {elapsed}");
        // The slack absorbs a loaded CI machine's scheduling delays; a batch that waited for MaxBatchSize instead
        // of the timer would never close.
        Assert.True(elapsed < delay + TimeSpan.FromSeconds(15), $"latency bound missed: {elapsed}");
    }

    [Fact]
    public async Task A_full_batch_closes_without_waiting_for_the_delay()
    {
        var sizes = new ConcurrentBag<int>();
        var batcher = new LatencyBatcher<int, int>(Copy, new BatchingOptions { MaxBatchSize = 16, MaxDelay = TimeSpan.FromSeconds(30) });
        batcher.BatchClosed += sizes.Add;
        var clock = Stopwatch.StartNew();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => batcher.SubmitAsync(i).AsTask()));
        var elapsed = clock.Elapsed;
        await batcher.DisposeAsync();

        Assert.Equal(Enumerable.Range(0, 16), results);
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"waited {elapsed} for a full batch");
        Assert.Equal([16], sizes);
    }

    [Fact]
    public async Task A_failing_batch_answers_each_of_its_items_with_the_exception()
    {
        var batcher = new LatencyBatcher<int, int>(
            (items, _) => throw new InvalidOperationException("device lost"),
            new BatchingOptions { MaxBatchSize = 4, MaxDelay = TimeSpan.FromMilliseconds(1) });

        var tasks = Enumerable.Range(0, 10).Select(i => batcher.SubmitAsync(i).AsTask()).ToList();
        foreach (var task in tasks)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => task);
        }

        await batcher.DisposeAsync();
    }

    [Fact]
    public async Task Items_queued_before_dispose_are_still_answered()
    {
        var batcher = new LatencyBatcher<int, int>(Copy, new BatchingOptions { MaxBatchSize = 8, MaxDelay = TimeSpan.FromMilliseconds(50) });
        var tasks = Enumerable.Range(0, 100).Select(i => batcher.SubmitAsync(i).AsTask()).ToList();

        await batcher.DisposeAsync();

        Assert.Equal(Enumerable.Range(0, 100), await Task.WhenAll(tasks));
    }

    private static void Copy(ReadOnlyMemory<int> items, Memory<int> results) => items.Span.CopyTo(results.Span);
}
