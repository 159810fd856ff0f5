using GpuValidate.Engine;
using GpuValidate.TestSupport;

namespace GpuValidate.Pipeline.Tests.Processing;

/// <summary>
/// Delegates to a real engine and counts sender-recovery batches, to observe the stages overlapping; optionally fails
/// the batch numbered <see cref="FailAtBatch"/> (0-based) to observe a failing stage, or takes <see cref="Delay"/> longer per
/// batch to make recovery the slow stage.
/// </summary>
internal sealed class CountingEngine(ISignatureEngine inner) : DelegatingEngine(inner)
{
    private int _recoverBatches;

    public int RecoverBatches => Volatile.Read(ref _recoverBatches);

    public int FailAtBatch { get; init; } = -1;

    public TimeSpan Delay { get; init; }

    public override void RecoverSenders(
        ReadOnlySpan<byte> payloads, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, ReadOnlySpan<byte> signatures, Span<byte> signingHashes, Span<byte> addresses, Span<SignatureError> results)
    {
        if (Interlocked.Increment(ref _recoverBatches) - 1 == FailAtBatch)
        {
            throw new InvalidOperationException("the engine failed on purpose");
        }

        if (Delay > TimeSpan.Zero)
        {
            Thread.Sleep(Delay);
        }

        base.RecoverSenders(payloads, offsets, lengths, signatures, signingHashes, addresses, results);
    }
}
