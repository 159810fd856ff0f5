namespace GpuValidate.Engine;

/// <summary>
/// Batch signature and hashing work. Every method takes N items laid out as flat spans and writes one result
/// per item; a malformed item fails alone with its <see cref="SignatureError"/>, and no method throws for bad
/// input. Implementations are thread-safe.
/// </summary>
public interface ISignatureEngine : IDisposable
{
    /// <summary>A short description of what runs the work, e.g. <c>native (16 threads)</c>.</summary>
    string Description { get; }

    /// <summary>
    /// ECDSA verify. <paramref name="digests"/>: 32 bytes per item; <paramref name="signatures"/>: 64 bytes per
    /// item (r||s, big-endian); <paramref name="publicKeys"/>: 65-byte slots holding a 33- or 65-byte SEC1 key
    /// left-aligned, its length in <paramref name="publicKeyLengths"/>. With <paramref name="requireLowS"/>
    /// the verdict equals libsecp256k1's <c>secp256k1_ecdsa_verify</c>.
    /// </summary>
    void VerifyEcdsa(
        ReadOnlySpan<byte> digests,
        ReadOnlySpan<byte> signatures,
        ReadOnlySpan<byte> publicKeys,
        ReadOnlySpan<byte> publicKeyLengths,
        bool requireLowS,
        Span<SignatureError> results);

    /// <summary>
    /// BIP-340 verify. <paramref name="publicKeys"/>: 32-byte x-only keys; <paramref name="signatures"/>: 64
    /// bytes per item; item i's message is <paramref name="messages"/>[offsets[i]..offsets[i] + lengths[i]].
    /// </summary>
    void VerifySchnorr(
        ReadOnlySpan<byte> publicKeys,
        ReadOnlySpan<byte> signatures,
        ReadOnlySpan<byte> messages,
        ReadOnlySpan<int> offsets,
        ReadOnlySpan<int> lengths,
        Span<SignatureError> results);

    /// <summary>
    /// ECDSA public-key recovery with ecrecover semantics (high S accepted; callers apply EIP-2).
    /// <paramref name="signatures"/>: 65 bytes per item, r||s||recid with recid 0-3. Writes the 64-byte
    /// public key x||y and its 20-byte Keccak-256 address per valid item.
    /// </summary>
    void Recover(
        ReadOnlySpan<byte> digests,
        ReadOnlySpan<byte> signatures,
        Span<byte> publicKeys,
        Span<byte> addresses,
        Span<SignatureError> results);

    /// <summary>
    /// The fused sender-recovery path: item i's signing hash is Keccak-256 of
    /// <paramref name="payloads"/>[offsets[i]..offsets[i] + lengths[i]], written to <paramref name="signingHashes"/>
    /// (32 bytes per item); the key recovered from it and the 65-byte r||s||recid signature is hashed again
    /// to the 20-byte sender in <paramref name="addresses"/>.
    /// </summary>
    void RecoverSenders(
        ReadOnlySpan<byte> payloads,
        ReadOnlySpan<int> offsets,
        ReadOnlySpan<int> lengths,
        ReadOnlySpan<byte> signatures,
        Span<byte> signingHashes,
        Span<byte> addresses,
        Span<SignatureError> results);

    /// <summary>Keccak-256 of each message, 32 bytes per item into <paramref name="digests"/>.</summary>
    void Keccak256(ReadOnlySpan<byte> messages, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<byte> digests);
}
