using GpuValidate.Ethereum.Hashing;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.Ethereum.Rlp;

namespace GpuValidate.Ethereum.Transactions;

/// <summary>
/// A decoded, signed Ethereum transaction of any type. Produced by <see cref="TransactionDecoder"/>, which
/// guarantees the encoding was canonical and every field within range; whether the transaction is valid for a
/// chain and fork is for <see cref="TransactionRules"/> and sender recovery to say. <see cref="Data"/> and
/// <see cref="Raw"/> share one buffer: the decoded input.
/// </summary>
public sealed class Transaction
{
    /// <summary>The y-parity value of a legacy transaction whose v is neither 27/28 nor at least 35.</summary>
    public const byte InvalidYParity = 0xFF;

    private Hash256? _hash;

    internal Transaction()
    {
    }

    /// <summary>The transaction type.</summary>
    public TransactionType Type { get; internal init; }

    /// <summary>The chain id: the typed field, or the one EIP-155 v encodes; null for a legacy transaction without one.</summary>
    public UInt256? ChainId { get; internal init; }

    /// <summary>The sender's nonce.</summary>
    public ulong Nonce { get; internal init; }

    /// <summary>The gas price of legacy and type 1 transactions; for later types, the max fee per gas.</summary>
    public UInt256 GasPrice => MaxFeePerGas;

    /// <summary>Max fee per gas (EIP-1559); for legacy and type 1, the gas price.</summary>
    public UInt256 MaxFeePerGas { get; internal init; }

    /// <summary>Max priority fee per gas (EIP-1559); for legacy and type 1, the gas price.</summary>
    public UInt256 MaxPriorityFeePerGas { get; internal init; }

    /// <summary>The gas limit.</summary>
    public ulong GasLimit { get; internal init; }

    /// <summary>The recipient; null for contract creation.</summary>
    public Address? To { get; internal init; }

    /// <summary>True for contract creation (no recipient).</summary>
    public bool IsContractCreation => To is null;

    /// <summary>The value transferred, in wei.</summary>
    public UInt256 Value { get; internal init; }

    /// <summary>Call data, or init code for contract creation.</summary>
    public ReadOnlyMemory<byte> Data { get; internal init; }

    /// <summary>The EIP-2930 access list (empty for legacy).</summary>
    public IReadOnlyList<AccessListEntry> AccessList { get; internal init; } = [];

    /// <summary>The number of addresses in <see cref="AccessList"/>.</summary>
    public int AccessListAddressCount => AccessList.Count;

    /// <summary>The number of storage keys over all of <see cref="AccessList"/>.</summary>
    public int AccessListStorageKeyCount { get; internal init; }

    /// <summary>Max fee per blob gas (type 3 only; zero otherwise).</summary>
    public UInt256 MaxFeePerBlobGas { get; internal init; }

    /// <summary>Blob versioned hashes (type 3 only; empty otherwise).</summary>
    public IReadOnlyList<Hash256> BlobVersionedHashes { get; internal init; } = [];

    /// <summary>The EIP-7702 authorization list (type 4 only; empty otherwise).</summary>
    public IReadOnlyList<Authorization> AuthorizationList { get; internal init; } = [];

    /// <summary>The raw v of a legacy transaction; for typed transactions, the y-parity field as encoded.</summary>
    public UInt256 V { get; internal init; }

    /// <summary>0 or 1, or <see cref="InvalidYParity"/> when v / the y-parity field holds no valid value.</summary>
    public byte YParity { get; internal init; }

    /// <summary>The signature's r.</summary>
    public UInt256 R { get; internal init; }

    /// <summary>The signature's s.</summary>
    public UInt256 S { get; internal init; }

    /// <summary>The whole encoding: the typed envelope (type byte and RLP list) or the legacy RLP list.</summary>
    public ReadOnlyMemory<byte> Raw { get; internal init; }

    /// <summary>The transaction hash: Keccak-256 of <see cref="Raw"/>. Computed on first use unless a batch set it.</summary>
    public Hash256 Hash
    {
        get => _hash ??= Keccak.Hash(Raw.Span);
        internal set => _hash = value;
    }

    /// <summary>The length of the signing payload (what <see cref="WriteSigningPayload"/> writes).</summary>
    public int SigningPayloadLength
    {
        get
        {
            var fields = UnsignedFieldsLength + SuffixLength;
            return (Type == TransactionType.Legacy ? 0 : 1) + RlpWriter.LengthOfList(fields);
        }
    }

    // Where the fields before the signature sit in Raw: they are copied verbatim into the signing payload.
    internal int UnsignedFieldsOffset { get; init; }

    internal int UnsignedFieldsLength { get; init; }

    // EIP-155 appends chainId, 0, 0 to the legacy signing list.
    private bool HasEip155Suffix => Type == TransactionType.Legacy && ChainId is not null;

    private int SuffixLength => HasEip155Suffix ? RlpWriter.LengthOfUInt256(ChainId!.Value) + 2 : 0;

    /// <summary>
    /// Writes the bytes the sender signed (their Keccak-256 is the signing hash): for legacy, the RLP list of the
    /// six fields, plus chainId, 0, 0 under EIP-155; for typed, the type byte then the RLP list of every field
    /// before the signature. Returns the number of bytes written.
    /// </summary>
    public int WriteSigningPayload(Span<byte> destination)
    {
        var length = SigningPayloadLength;
        if (destination.Length < length)
        {
            throw new ArgumentException($"the signing payload needs {length} bytes", nameof(destination));
        }

        var writer = new RlpWriter(destination);
        if (Type != TransactionType.Legacy)
        {
            writer.WriteRawByte((byte)Type);
        }

        writer.WriteListHeader(UnsignedFieldsLength + SuffixLength);
        writer.WriteEncoded(Raw.Span.Slice(UnsignedFieldsOffset, UnsignedFieldsLength));
        if (HasEip155Suffix)
        {
            writer.WriteUInt256(ChainId!.Value);
            writer.WriteUInt64(0);
            writer.WriteUInt64(0);
        }

        return writer.Position;
    }

    /// <summary>The signing payload as a new array.</summary>
    public byte[] GetSigningPayload()
    {
        var payload = new byte[SigningPayloadLength];
        WriteSigningPayload(payload);
        return payload;
    }

    /// <summary>Keccak-256 of the signing payload, on the CPU (batches get it from the signature engine instead).</summary>
    public Hash256 ComputeSigningHash() => Keccak.Hash(GetSigningPayload());

    /// <summary>
    /// Writes the 65-byte r||s||recid form signature engines take (recid = <see cref="YParity"/>, which is
    /// <see cref="InvalidYParity"/> when v is invalid, so recovery fails for it).
    /// </summary>
    public void WriteSignature65(Span<byte> destination)
    {
        if (destination.Length < 65)
        {
            throw new ArgumentException("a signature needs 65 bytes", nameof(destination));
        }

        R.WriteBigEndian(destination);
        S.WriteBigEndian(destination[32..]);
        destination[64] = YParity;
    }

    /// <summary>The fields as an <see cref="UnsignedTransaction"/>, e.g. to re-encode or re-sign them.</summary>
    public UnsignedTransaction ToUnsigned() => new()
    {
        Type = Type,
        ChainId = ChainId,
        Nonce = Nonce,
        MaxFeePerGas = MaxFeePerGas,
        MaxPriorityFeePerGas = MaxPriorityFeePerGas,
        GasLimit = GasLimit,
        To = To,
        Value = Value,
        Data = Data.ToArray(),
        AccessList = AccessList,
        MaxFeePerBlobGas = MaxFeePerBlobGas,
        BlobVersionedHashes = BlobVersionedHashes,
        AuthorizationList = AuthorizationList,
    };
}
