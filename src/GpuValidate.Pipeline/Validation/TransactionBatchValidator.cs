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
/// when the engine is (the built-in engines are). The three steps are also usable apart, so a pipeline can overlap
/// them across batches: <see cref="Decode"/>, <see cref="Recover"/>, <see cref="Check"/>.
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

        using var batch = Decode(rawTransactions);
        Recover(batch);
        Check(batch, verdicts);
    }

    /// <summary>
    /// Step 1: decodes every raw transaction and lays the decoded ones' signing payloads, raw encodings and
    /// signatures out in one flat pooled buffer each. A transaction that does not decode keeps its error and no
    /// slot. The decoded transactions refer to the input bytes without copying them: the caller must not change
    /// those bytes until the batch is checked. Dispose the batch once checked.
    /// </summary>
    public DecodedBatch Decode(IReadOnlyList<ReadOnlyMemory<byte>> rawTransactions)
    {
        ArgumentNullException.ThrowIfNull(rawTransactions);
        var count = rawTransactions.Count;
        var decoded = ArrayPool<Transaction?>.Shared.Rent(count);
        var errors = ArrayPool<TransactionError>.Shared.Rent(count);
        long payloadBytes = 0, rawBytes = 0;
        var recoverable = 0;
        for (var i = 0; i < count; i++)
        {
            if (TransactionDecoder.TryDecodeShared(rawTransactions[i], out var tx, out var error))
            {
                decoded[i] = tx;
                errors[i] = TransactionError.None;
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
            Array.Clear(decoded, 0, count);
            ArrayPool<Transaction?>.Shared.Return(decoded);
            ArrayPool<TransactionError>.Shared.Return(errors);
            throw new ArgumentException("a batch's payloads must fit in 2 GiB; split it", nameof(rawTransactions));
        }

        var batch = new DecodedBatch(count, decoded, errors, recoverable, (int)payloadBytes, (int)rawBytes);
        var payloads = batch.PayloadBuffer;
        var raws = batch.RawBuffer;
        var offsets = batch.OffsetBuffer;
        var lengths = batch.LengthBuffer;
        var rawOffsets = batch.RawOffsetBuffer;
        var rawLengths = batch.RawLengthBuffer;
        var signatures = batch.SignatureBuffer;
        int item = 0, payloadOffset = 0, rawOffset = 0;
        for (var i = 0; i < count; i++)
        {
            var tx = decoded[i];
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

        return batch;
    }

    /// <summary>
    /// Step 2: one <see cref="ISignatureEngine.RecoverSenders"/> call for every slot of <paramref name="batch"/>
    /// (signing hashes and senders) and one <see cref="ISignatureEngine.Keccak256"/> call for the transaction hashes.
    /// </summary>
    public void Recover(DecodedBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var recoverable = batch.Recoverable;
        if (recoverable > 0)
        {
            _engine.RecoverSenders(
                batch.PayloadBuffer.AsSpan(0, batch.PayloadBytes),
                batch.OffsetBuffer.AsSpan(0, recoverable),
                batch.LengthBuffer.AsSpan(0, recoverable),
                batch.SignatureBuffer.AsSpan(0, 65 * recoverable),
                batch.SigningHashBuffer.AsSpan(0, 32 * recoverable),
                batch.SenderBuffer.AsSpan(0, 20 * recoverable),
                batch.ResultBuffer.AsSpan(0, recoverable));
            _engine.Keccak256(
                batch.RawBuffer.AsSpan(0, batch.RawBytes),
                batch.RawOffsetBuffer.AsSpan(0, recoverable),
                batch.RawLengthBuffer.AsSpan(0, recoverable),
                batch.HashBuffer.AsSpan(0, 32 * recoverable));
        }

        batch.IsRecovered = true;
    }

    /// <summary>
    /// Step 3: applies <see cref="TransactionRules"/> to every decoded transaction of a recovered
    /// <paramref name="batch"/> and writes one verdict per input, in order, into <paramref name="verdicts"/> (a rule
    /// that fails wins over a bad signature). Sets each decoded transaction's hash.
    /// </summary>
    public void Check(DecodedBatch batch, Span<TransactionVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!batch.IsRecovered)
        {
            throw new InvalidOperationException("the batch must be recovered before it is checked");
        }

        var count = batch.Count;
        if (verdicts.Length < count)
        {
            throw new ArgumentException($"{count} transactions need {count} verdict slots, not {verdicts.Length}", nameof(verdicts));
        }

        var decoded = batch.Transactions;
        var decodeErrors = batch.DecodeErrors;
        var hashes = batch.HashBuffer;
        var signingHashes = batch.SigningHashBuffer;
        var senders = batch.SenderBuffer;
        var results = batch.ResultBuffer;
        var item = 0;
        for (var i = 0; i < count; i++)
        {
            var tx = decoded[i];
            if (tx is null)
            {
                verdicts[i] = new TransactionVerdict(decodeErrors[i], null, default, default, default);
                continue;
            }

            var hash = new Hash256(hashes.AsSpan(32 * item, 32));
            tx.Hash = hash;
            var error = TransactionRules.Check(tx, Options.Fork, Options.ChainId);
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

        ValidationMetrics.Record(verdicts[..count]);
    }
}
