using System.Diagnostics;
using System.Threading.Channels;

namespace GpuValidate.Pipeline.Pool;

/// <summary>
/// Collects single items into batches that close at N items or T after their first item was submitted, whichever
/// comes first, runs one batch at a time through a batch function, and answers every submission exactly once (with
/// its result, or the batch function's exception).
/// </summary>
/// <typeparam name="TItem">What is submitted.</typeparam>
/// <typeparam name="TResult">The answer per item.</typeparam>
public sealed class LatencyBatcher<TItem, TResult> : IAsyncDisposable
{
    private readonly Action<ReadOnlyMemory<TItem>, Memory<TResult>> _process;
    private readonly BatchingOptions _options;
    private readonly Channel<Pending> _queue;
    private readonly Task _loop;
    private readonly long _maxDelayTicks;

    /// <summary>Starts the batching loop; <paramref name="process"/> writes one result per item.</summary>
    public LatencyBatcher(Action<ReadOnlyMemory<TItem>, Memory<TResult>> process, BatchingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(process);
        _process = process;
        _options = options ?? new BatchingOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxBatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxDelay, TimeSpan.Zero, nameof(options));
        _maxDelayTicks = (long)(_options.MaxDelay.TotalSeconds * Stopwatch.Frequency);
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(Math.Max(_options.QueueCapacity, _options.MaxBatchSize))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Raised after each batch with its size (for metrics and tests).</summary>
    public event Action<int>? BatchClosed;

    /// <summary>Submits one item; the task completes when its batch has been processed.</summary>
    /// <exception cref="ChannelClosedException">The batcher has been disposed.</exception>
    public async ValueTask<TResult> SubmitAsync(TItem item, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(item, Stopwatch.GetTimestamp());
        await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        return await pending.Completion.Task.ConfigureAwait(false);
    }

    /// <summary>Stops accepting items, answers every item already submitted, then returns.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var max = _options.MaxBatchSize;
        var pending = new Pending[max];
        var items = new TItem[max];
        var results = new TResult[max];
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var count = 0;
            if (!reader.TryRead(out var first))
            {
                continue;
            }

            pending[count++] = first;
            var deadline = first.SubmittedAt + _maxDelayTicks;
            while (count < max)
            {
                if (reader.TryRead(out var next))
                {
                    pending[count++] = next;
                    continue;
                }

                var remaining = deadline - Stopwatch.GetTimestamp();
                if (remaining <= 0 || !await WaitForMoreAsync(reader, remaining).ConfigureAwait(false))
                {
                    break;
                }
            }

            for (var i = 0; i < count; i++)
            {
                items[i] = pending[i].Item;
            }

            try
            {
                _process(items.AsMemory(0, count), results.AsMemory(0, count));
                for (var i = 0; i < count; i++)
                {
                    pending[i].Completion.TrySetResult(results[i]);
                }
            }
            catch (Exception e)
            {
                for (var i = 0; i < count; i++)
                {
                    pending[i].Completion.TrySetException(e);
                }
            }

            Array.Clear(pending, 0, count);
            Array.Clear(items, 0, count);
            Array.Clear(results, 0, count);
            BatchClosed?.Invoke(count);
        }
    }

    /// <summary>True when an item arrived within <paramref name="ticks"/>; false on timeout or completion.</summary>
    private static async ValueTask<bool> WaitForMoreAsync(ChannelReader<Pending> reader, long ticks)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds((double)ticks / Stopwatch.Frequency));
        try
        {
            return await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return false;
        }
    }

    private sealed class Pending(TItem item, long submittedAt)
    {
        public TItem Item { get; } = item;

        public long SubmittedAt { get; } = submittedAt;

        public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
