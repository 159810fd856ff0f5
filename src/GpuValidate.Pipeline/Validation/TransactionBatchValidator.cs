using System.Buffers;
using GpuValidate.Engine;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.Ethereum.Transactions;

namespace GpuValidate.Pipeline.Validation;

/// <summary>
/// Stateless validation of raw transactions in batches: decode each, lay every signing payload out in one flat
/// buffer, and make one <see cref="ISignatureEngine.RecoverSenders"/> call per batch (with a GPU engine the
/// payloads go up once and 20-byte senders come back) plus one <see cref="ISignatureEngine.Keccak256"/> call
/// for the transaction hashes; then apply <see cref="TransactionRules"/>. Every transaction gets its own
/// verdict: one that does not decode never affects its neighbours. Scratch buffers are pooled. Thread-safe
/// when the engine is (the built-in engines are).
/// </summary>
public sealed class TransactionBatchValidator
{
    private readonly ISignatureEngine _engine;

    /// <summary>Validates for the chain and fork in <paramref name="options"/> (default: chain 1, latest fork).</summary>
    public TransactionBatchValidator(ISignatureEngine engine, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        Options = options ?? new ValidationOptions();
    }

    /// <summary>The chain and fork this validator checks against.</summary>
    public ValidationOptions Options { get; }

    /// <summary>Validates a batch and returns one verdict per input, in order.</summary>
    public TransactionVerdict[] Validate(IReadOnlyList<ReadOnlyMemory<byte>> rawTransactions)
    {
        ArgumentNullException.ThrowIfNull(rawTransactions);
        var verdicts = new TransactionVerdict[rawTransactions.Count];
        Validate(rawTransactions, verdicts);
        return verdicts;
    }

    /// <summary>
    /// Validates a batch into <paramref name="verdicts"/> (one per input, in order). The decoded transactions
    /// refer to the input bytes without copying them, so the caller must not change those bytes afterwards.
    /// </summary>
    public void Validate(IReadOnlyList<ReadOnlyMemory<byte>> rawTransactions, Span<TransactionVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(rawTransactions);
        var count = rawTransactions.Count;
        if (verdicts.Length < count)
        {
            throw new ArgumentException($"{count} transactions need {count} verdict slots, not {verdicts.Length}", nameof(verdicts));
        }

        var decoded = ArrayPool<Transaction?>.Shared.Rent(count);
        var errors = ArrayPool<TransactionError>.Shared.Rent(count);
        try
        {
            long payloadBytes = 0, rawBytes = 0;
            var recoverable = 0;
            for (var i = 0; i < count; i++)
            {
                if (TransactionDecoder.TryDecodeShared(rawTransactions[i], out var tx, out var error))
                {
                    decoded[i] = tx;
                    errors[i] = TransactionRules.Check(tx, Options.Fork, Options.ChainId);
                    payloadBytes += tx.SigningPayloadLength;
                    rawBytes += tx.Raw.Length;
                    recoverable++;
                }
                else
                {
                    decoded[i] = null;
                    errors[i] = error;
                }
            }

            if (payloadBytes > int.MaxValue || rawBytes > int.MaxValue)
            {
                throw new ArgumentException("a batch's payloads must fit in 2 GiB; split it", nameof(rawTransactions));
            }

            RecoverAndHash(decoded.AsSpan(0, count), errors.AsSpan(0, count), recoverable, (int)payloadBytes, (int)rawBytes, verdicts);
            ValidationMetrics.Record(verdicts[..count]);
        }
        finally
        {
            Array.Clear(decoded, 0, count);
            ArrayPool<Transaction?>.Shared.Return(decoded);
            ArrayPool<TransactionError>.Shared.Return(errors);
        }
    }

    private void RecoverAndHash(
        ReadOnlySpan<Transaction?> decoded,
        ReadOnlySpan<TransactionError> errors,
        int recoverable,
        int payloadBytes,
        int rawBytes,
        Span<TransactionVerdict> verdicts)
    {
        var payloads = ArrayPool<byte>.Shared.Rent(Math.Max(1, payloadBytes));
        var raws = ArrayPool<byte>.Shared.Rent(Math.Max(1, rawBytes));
        var offsets = ArrayPool<int>.Shared.Rent(recoverable);
        var lengths = ArrayPool<int>.Shared.Rent(recoverable);
        var rawOffsets = ArrayPool<int>.Shared.Rent(recoverable);
        var rawLengths = ArrayPool<int>.Shared.Rent(recoverable);
        var signatures = ArrayPool<byte>.Shared.Rent(65 * recoverable);
        var signingHashes = ArrayPool<byte>.Shared.Rent(32 * recoverable);
        var hashes = ArrayPool<byte>.Shared.Rent(32 * recoverable);
        var senders = ArrayPool<byte>.Shared.Rent(20 * recoverable);
        var results = ArrayPool<SignatureError>.Shared.Rent(recoverable);
        try
        {
            int item = 0, payloadOffset = 0, rawOffset = 0;
            foreach (var tx in decoded)
            {
                if (tx is null)
                {
                    continue;
                }

                var length = tx.WriteSigningPayload(payloads.AsSpan(payloadOffset));
                offsets[item] = payloadOffset;
                lengths[item] = length;
                payloadOffset += length;
                tx.Raw.Span.CopyTo(raws.AsSpan(rawOffset));
                rawOffsets[item] = rawOffset;
                rawLengths[item] = tx.Raw.Length;
                rawOffset += tx.Raw.Length;
                tx.WriteSignature65(signatures.AsSpan(65 * item, 65));
                item++;
            }

            if (recoverable > 0)
            {
                _engine.RecoverSenders(
                    payloads.AsSpan(0, payloadOffset),
                    offsets.AsSpan(0, recoverable),
                    lengths.AsSpan(0, recoverable),
                    signatures.AsSpan(0, 65 * recoverable),
                    signingHashes.AsSpan(0, 32 * recoverable),
                    senders.AsSpan(0, 20 * recoverable),
                    results.AsSpan(0, recoverable));
                _engine.Keccak256(
                    raws.AsSpan(0, rawOffset),
                    rawOffsets.AsSpan(0, recoverable),
                    rawLengths.AsSpan(0, recoverable),
                    hashes.AsSpan(0, 32 * recoverable));
            }

            item = 0;
            for (var i = 0; i < decoded.Length; i++)
            {
                var tx = decoded[i];
                if (tx is null)
                {
                    verdicts[i] = new TransactionVerdict(errors[i], null, default, default, default);
                    continue;
                }

                var hash = new Hash256(hashes.AsSpan(32 * item, 32));
                tx.Hash = hash;
                var error = errors[i];
                if (error == TransactionError.None && results[item] != SignatureError.None)
                {
                    error = TransactionError.BadSignature;
                }

                verdicts[i] = new TransactionVerdict(
                    error,
                    tx,
                    hash,
                    new Hash256(signingHashes.AsSpan(32 * item, 32)),
                    results[item] == SignatureError.None ? new Address(senders.AsSpan(20 * item, 20)) : default);
                item++;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(payloads);
            ArrayPool<byte>.Shared.Return(raws);
            ArrayPool<int>.Shared.Return(offsets);
            ArrayPool<int>.Shared.Return(lengths);
            ArrayPool<int>.Shared.Return(rawOffsets);
            ArrayPool<int>.Shared.Return(rawLengths);
            ArrayPool<byte>.Shared.Return(signatures);
            ArrayPool<byte>.Shared.Return(signingHashes);
            ArrayPool<byte>.Shared.Return(hashes);
            ArrayPool<byte>.Shared.Return(senders);
            ArrayPool<SignatureError>.Shared.Return(results);
        }
    }
}
