using System.Buffers;
using GpuValidate.Engine;
using GpuValidate.Ethereum.Transactions;

namespace GpuValidate.Pipeline.Validation;

/// <summary>
/// One batch between the steps of <see cref="TransactionBatchValidator"/>: made by
/// <see cref="TransactionBatchValidator.Decode"/> (the decoded transactions, every signing payload and raw encoding laid
/// out in flat pooled buffers, the signatures packed 65 bytes each), filled by
/// <see cref="TransactionBatchValidator.Recover"/> (signing hashes, transaction hashes, senders) and read by
/// <see cref="TransactionBatchValidator.Check"/>. Only decoded transactions take a slot in the flat buffers, in input
/// order. The buffers are rented: dispose the batch once its verdicts are out (idempotent); the verdicts stay valid.
/// Not thread-safe: one step at a time, which may each run on a different thread.
/// </summary>
public sealed class DecodedBatch : IDisposable
{
    private Transaction?[] _transactions;
    private TransactionError[] _decodeErrors;
    private byte[] _payloads;
    private int[] _offsets;
    private int[] _lengths;
    private byte[] _raws;
    private int[] _rawOffsets;
    private int[] _rawLengths;
    private byte[] _signatures;
    private byte[] _signingHashes;
    private byte[] _hashes;
    private byte[] _senders;
    private SignatureError[] _results;
    private int _disposed;

    internal DecodedBatch(int count, Transaction?[] transactions, TransactionError[] decodeErrors, int recoverable, int payloadBytes, int rawBytes)
    {
        Count = count;
        Recoverable = recoverable;
        PayloadBytes = payloadBytes;
        RawBytes = rawBytes;
        _transactions = transactions;
        _decodeErrors = decodeErrors;
        _payloads = ArrayPool<byte>.Shared.Rent(Math.Max(1, payloadBytes));
        _raws = ArrayPool<byte>.Shared.Rent(Math.Max(1, rawBytes));
        _offsets = ArrayPool<int>.Shared.Rent(recoverable);
        _lengths = ArrayPool<int>.Shared.Rent(recoverable);
        _rawOffsets = ArrayPool<int>.Shared.Rent(recoverable);
        _rawLengths = ArrayPool<int>.Shared.Rent(recoverable);
        _signatures = ArrayPool<byte>.Shared.Rent(65 * recoverable);
        _signingHashes = ArrayPool<byte>.Shared.Rent(32 * recoverable);
        _hashes = ArrayPool<byte>.Shared.Rent(32 * recoverable);
        _senders = ArrayPool<byte>.Shared.Rent(20 * recoverable);
        _results = ArrayPool<SignatureError>.Shared.Rent(recoverable);
    }

    /// <summary>The number of raw transactions in the batch (decoded or not).</summary>
    public int Count { get; }

    /// <summary>The number that decoded, each with a slot in the flat buffers.</summary>
    public int Recoverable { get; }

    /// <summary>Total bytes of the signing payloads.</summary>
    public int PayloadBytes { get; }

    /// <summary>Total bytes of the raw encodings of the decoded transactions.</summary>
    public int RawBytes { get; }

    /// <summary>True once <see cref="TransactionBatchValidator.Recover"/> has filled the hashes and senders.</summary>
    public bool IsRecovered { get; internal set; }

    /// <summary>Every signing payload, back to back (slot order).</summary>
    public ReadOnlySpan<byte> Payloads => Live(_payloads).AsSpan(0, PayloadBytes);

    /// <summary>Where each slot's signing payload starts in <see cref="Payloads"/>.</summary>
    public ReadOnlySpan<int> PayloadOffsets => Live(_offsets).AsSpan(0, Recoverable);

    /// <summary>The length of each slot's signing payload.</summary>
    public ReadOnlySpan<int> PayloadLengths => Live(_lengths).AsSpan(0, Recoverable);

    /// <summary>Each slot's signature as r || s || recovery id, 65 bytes per slot.</summary>
    public ReadOnlySpan<byte> Signatures => Live(_signatures).AsSpan(0, 65 * Recoverable);

    internal Transaction?[] Transactions => Live(_transactions);

    internal TransactionError[] DecodeErrors => Live(_decodeErrors);

    internal byte[] PayloadBuffer => Live(_payloads);

    internal int[] OffsetBuffer => Live(_offsets);

    internal int[] LengthBuffer => Live(_lengths);

    internal byte[] RawBuffer => Live(_raws);

    internal int[] RawOffsetBuffer => Live(_rawOffsets);

    internal int[] RawLengthBuffer => Live(_rawLengths);

    internal byte[] SignatureBuffer => Live(_signatures);

    internal byte[] SigningHashBuffer => Live(_signingHashes);

    internal byte[] HashBuffer => Live(_hashes);

    internal byte[] SenderBuffer => Live(_senders);

    internal SignatureError[] ResultBuffer => Live(_results);

    /// <summary>Returns the buffers to the pool.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Array.Clear(_transactions, 0, Count);
        ArrayPool<Transaction?>.Shared.Return(_transactions);
        ArrayPool<TransactionError>.Shared.Return(_decodeErrors);
        ArrayPool<byte>.Shared.Return(_payloads);
        ArrayPool<byte>.Shared.Return(_raws);
        ArrayPool<int>.Shared.Return(_offsets);
        ArrayPool<int>.Shared.Return(_lengths);
        ArrayPool<int>.Shared.Return(_rawOffsets);
        ArrayPool<int>.Shared.Return(_rawLengths);
        ArrayPool<byte>.Shared.Return(_signatures);
        ArrayPool<byte>.Shared.Return(_signingHashes);
        ArrayPool<byte>.Shared.Return(_hashes);
        ArrayPool<byte>.Shared.Return(_senders);
        ArrayPool<SignatureError>.Shared.Return(_results);
        _transactions = [];
        _decodeErrors = [];
        _payloads = _raws = _signatures = _signingHashes = _hashes = _senders = [];
        _offsets = _lengths = _rawOffsets = _rawLengths = [];
        _results = [];
    }

    private T Live<T>(T buffer)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return buffer;
    }
}
