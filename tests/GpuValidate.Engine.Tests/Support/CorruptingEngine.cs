namespace GpuValidate.Engine.Tests.Support;

/// <summary>A test double for a miscompiled device: right answers except that every valid ECDSA verdict turns invalid.</summary>
internal sealed class CorruptingEngine(ISignatureEngine inner) : ISignatureEngine
{
    public string Description => "corrupting";

    public void VerifyEcdsa(ReadOnlySpan<byte> digests, ReadOnlySpan<byte> signatures, ReadOnlySpan<byte> publicKeys, ReadOnlySpan<byte> publicKeyLengths, bool requireLowS, Span<SignatureError> results)
    {
        inner.VerifyEcdsa(digests, signatures, publicKeys, publicKeyLengths, requireLowS, results);
        results.Replace(SignatureError.None, SignatureError.BadSignature);
    }

    public void VerifySchnorr(ReadOnlySpan<byte> publicKeys, ReadOnlySpan<byte> signatures, ReadOnlySpan<byte> messages, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<SignatureError> results) =>
        inner.VerifySchnorr(publicKeys, signatures, messages, offsets, lengths, results);

    public void Recover(ReadOnlySpan<byte> digests, ReadOnlySpan<byte> signatures, Span<byte> publicKeys, Span<byte> addresses, Span<SignatureError> results) =>
        inner.Recover(digests, signatures, publicKeys, addresses, results);

    public void RecoverSenders(ReadOnlySpan<byte> payloads, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, ReadOnlySpan<byte> signatures, Span<byte> signingHashes, Span<byte> addresses, Span<SignatureError> results) =>
        inner.RecoverSenders(payloads, offsets, lengths, signatures, signingHashes, addresses, results);

    public void Keccak256(ReadOnlySpan<byte> messages, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<byte> digests) =>
        inner.Keccak256(messages, offsets, lengths, digests);

    public void Dispose() => inner.Dispose();
}
