using System.Runtime.InteropServices;
using GpuValidate.Pipeline.Validation;

namespace GpuValidate.Pipeline.Pool;

/// <summary>
/// Pool mode: an unordered stream of single raw transactions (a mempool's gossip), validated statelessly (decode,
/// hashes, signature, sender, static checks) in batches that close at N transactions or T, whichever comes first.
/// Every submitted transaction is answered exactly once.
/// </summary>
public sealed class PoolValidator : IAsyncDisposable
{
    private readonly LatencyBatcher<ReadOnlyMemory<byte>, TransactionVerdict> _batcher;

    /// <summary>Validates with <paramref name="validator"/>, batching as <paramref name="options"/> says.</summary>
    public PoolValidator(TransactionBatchValidator validator, BatchingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(validator);
        _batcher = new LatencyBatcher<ReadOnlyMemory<byte>, TransactionVerdict>(
            (items, results) =>
            {
                if (!MemoryMarshal.TryGetArray(items, out var segment))
                {
                    segment = new ArraySegment<ReadOnlyMemory<byte>>(items.ToArray());
                }

                validator.Validate(segment, results.Span);
            },
            options);
        _batcher.BatchClosed += PoolMetrics.RecordBatch;
    }

    /// <summary>Raised after each batch with its size.</summary>
    public event Action<int>? BatchClosed
    {
        add => _batcher.BatchClosed += value;
        remove => _batcher.BatchClosed -= value;
    }

    /// <summary>
    /// Submits one raw transaction; completes with its verdict once its batch is validated. The bytes must not
    /// change until then.
    /// </summary>
    public ValueTask<TransactionVerdict> SubmitAsync(ReadOnlyMemory<byte> rawTransaction, CancellationToken cancellationToken = default) =>
        _batcher.SubmitAsync(rawTransaction, cancellationToken);

    /// <summary>Stops accepting transactions and answers every one already submitted.</summary>
    public ValueTask DisposeAsync() => _batcher.DisposeAsync();
}
