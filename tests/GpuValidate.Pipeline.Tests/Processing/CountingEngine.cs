using GpuValidate.Engine;

namespace GpuValidate.Pipeline.Tests.Processing;

/// <summary>
/// Delegates to a real engine and counts sender-recovery batches, to observe the stages overlapping; optionally fails
/// the batch numbered <see cref="FailAtBatch"/> (0-based) to observe a failing stage, or takes <see cref="Delay"/> longer per
/// batch to make recovery the slow stage.
/// </summary>
internal sealed class CountingEngine(ISignatureEngine inner) : ISignatureEngine
{
    private int _recoverBatches;

    public int RecoverBatches => Volatile.Read(ref _recoverBatches);

    public int FailAtBatch { get; init; } = -1;

    public TimeSpan Delay { get; init; }

    public string Description => inner.Description;

    public void VerifyEcdsa(
        ReadOnlySpan<byte> digests, ReadOnlySpan<byte> signatures, ReadOnlySpan<byte> publicKeys, ReadOnlySpan<byte> publicKeyLengths, bool requireLowS, Span<SignatureError> results) =>
        inner.VerifyEcdsa(digests, signatures, publicKeys, publicKeyLengths, requireLowS, results);

    public void VerifySchnorr(
        ReadOnlySpan<byte> publicKeys, ReadOnlySpan<byte> signatures, ReadOnlySpan<byte> messages, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<SignatureError> results) =>
        inner.VerifySchnorr(publicKeys, signatures, messages, offsets, lengths, results);

    public void Recover(ReadOnlySpan<byte> digests, ReadOnlySpan<byte> signatures, Span<byte> publicKeys, Span<byte> addresses, Span<SignatureError> results) =>
        inner.Recover(digests, signatures, publicKeys, addresses, results);

    public void RecoverSenders(
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

        inner.RecoverSenders(payloads, offsets, lengths, signatures, signingHashes, addresses, results);
    }

    public void Keccak256(ReadOnlySpan<byte> messages, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<byte> digests) =>
        inner.Keccak256(messages, offsets, lengths, digests);

    public void Dispose() => inner.Dispose();
}
