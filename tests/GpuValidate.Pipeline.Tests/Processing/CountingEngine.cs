using GpuValidate.Engine;

namespace GpuValidate.Pipeline.Tests.Processing;

/// <summary>Delegates to a real engine and counts sender-recovery batches, to observe the stages overlapping.</summary>
internal sealed class CountingEngine(ISignatureEngine inner) : ISignatureEngine
{
    private int _recoverBatches;

    public int RecoverBatches => Volatile.Read(ref _recoverBatches);

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
        inner.RecoverSenders(payloads, offsets, lengths, signatures, signingHashes, addresses, results);
        Interlocked.Increment(ref _recoverBatches);
    }

    public void Keccak256(ReadOnlySpan<byte> messages, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<byte> digests) =>
        inner.Keccak256(messages, offsets, lengths, digests);

    public void Dispose() => inner.Dispose();
}
