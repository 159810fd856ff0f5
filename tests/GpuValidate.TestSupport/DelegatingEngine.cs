using GpuValidate.Engine;

namespace GpuValidate.TestSupport;

/// <summary>
/// A pass-through <see cref="ISignatureEngine"/> for test doubles: every member forwards to an inner, working engine,
/// so a double that breaks, counts, delays or fails one operation overrides only that one and keeps right answers for
/// the rest.
/// </summary>
/// <param name="inner">The engine every call goes to; disposed with this one unless <see cref="Dispose"/> is overridden.</param>
public abstract class DelegatingEngine(ISignatureEngine inner) : ISignatureEngine
{
    /// <summary>The engine every call is forwarded to.</summary>
    protected ISignatureEngine Inner { get; } = inner;

    /// <inheritdoc />
    public virtual string Description => Inner.Description;

    /// <inheritdoc />
    public virtual void VerifyEcdsa(
        ReadOnlySpan<byte> digests, ReadOnlySpan<byte> signatures, ReadOnlySpan<byte> publicKeys, ReadOnlySpan<byte> publicKeyLengths, bool requireLowS, Span<SignatureError> results) =>
        Inner.VerifyEcdsa(digests, signatures, publicKeys, publicKeyLengths, requireLowS, results);

    /// <inheritdoc />
    public virtual void VerifySchnorr(
        ReadOnlySpan<byte> publicKeys, ReadOnlySpan<byte> signatures, ReadOnlySpan<byte> messages, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<SignatureError> results) =>
        Inner.VerifySchnorr(publicKeys, signatures, messages, offsets, lengths, results);

    /// <inheritdoc />
    public virtual void Recover(ReadOnlySpan<byte> digests, ReadOnlySpan<byte> signatures, Span<byte> publicKeys, Span<byte> addresses, Span<SignatureError> results) =>
        Inner.Recover(digests, signatures, publicKeys, addresses, results);

    /// <inheritdoc />
    public virtual void RecoverSenders(
        ReadOnlySpan<byte> payloads, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, ReadOnlySpan<byte> signatures, Span<byte> signingHashes, Span<byte> addresses, Span<SignatureError> results) =>
        Inner.RecoverSenders(payloads, offsets, lengths, signatures, signingHashes, addresses, results);

    /// <inheritdoc />
    public virtual void Keccak256(ReadOnlySpan<byte> messages, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<byte> digests) =>
        Inner.Keccak256(messages, offsets, lengths, digests);

    /// <summary>Disposes the inner engine.</summary>
    public virtual void Dispose() => Inner.Dispose();
}
