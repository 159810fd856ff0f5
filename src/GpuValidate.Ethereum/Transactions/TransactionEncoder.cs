using GpuValidate.Ethereum.Hashing;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.Ethereum.Rlp;

namespace GpuValidate.Ethereum.Transactions;

/// <summary>
/// Builds transactions: the signing payload of an <see cref="UnsignedTransaction"/> (sign its Keccak-256 with
/// any secp256k1 library), then the raw signed encoding once r, s and the y-parity are known. What this writes
/// <see cref="TransactionDecoder"/> reads back. Caller mistakes (a typed transaction without a chain id, a blob
/// or set-code transaction without a recipient, a y-parity other than 0/1) throw <see cref="ArgumentException"/>.
/// </summary>
public static class TransactionEncoder
{
    /// <summary>The bytes to sign: see <see cref="Transaction.WriteSigningPayload"/>.</summary>
    public static byte[] EncodeSigningPayload(UnsignedTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        Check(transaction);
        var fields = FieldsLength(transaction);
        var suffix = Eip155Suffix(transaction, out var chainId);
        var typed = transaction.Type != TransactionType.Legacy;
        var payload = new byte[(typed ? 1 : 0) + RlpWriter.LengthOfList(fields + suffix)];
        var writer = new RlpWriter(payload);
        if (typed)
        {
            writer.WriteRawByte((byte)transaction.Type);
        }

        writer.WriteListHeader(fields + suffix);
        WriteFields(ref writer, transaction);
        if (suffix > 0)
        {
            writer.WriteUInt256(chainId);
            writer.WriteUInt64(0);
            writer.WriteUInt64(0);
        }

        return payload;
    }

    /// <summary>Keccak-256 of the signing payload: the digest the sender signs.</summary>
    public static Hash256 SigningHash(UnsignedTransaction transaction) => Keccak.Hash(EncodeSigningPayload(transaction));

    /// <summary>
    /// The raw signed transaction: for legacy, the RLP list with v = 27 + yParity (or chainId*2 + 35 + yParity
    /// under EIP-155); for typed, the type byte and the RLP list ending in yParity, r, s.
    /// </summary>
    public static byte[] EncodeSigned(UnsignedTransaction transaction, in UInt256 r, in UInt256 s, byte yParity)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        Check(transaction);
        if (yParity > 1)
        {
            throw new ArgumentException("the y-parity is 0 or 1", nameof(yParity));
        }

        UInt256 v = yParity;
        if (transaction.Type == TransactionType.Legacy)
        {
            v = transaction.ChainId is { } chainId
                ? chainId * new UInt256(2) + new UInt256(35UL + yParity)
                : new UInt256(27UL + yParity);
        }

        return EncodeSignedWithV(transaction, v, r, s);
    }

    /// <summary>
    /// The raw encoding with v (legacy) or the y-parity field (typed) written as given, unchecked: for tests and
    /// workloads that need transactions with invalid signature values.
    /// </summary>
    public static byte[] EncodeSignedWithV(UnsignedTransaction transaction, in UInt256 v, in UInt256 r, in UInt256 s)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        Check(transaction);
        var fields = FieldsLength(transaction) + RlpWriter.LengthOfUInt256(v) + RlpWriter.LengthOfUInt256(r) + RlpWriter.LengthOfUInt256(s);
        var typed = transaction.Type != TransactionType.Legacy;
        var raw = new byte[(typed ? 1 : 0) + RlpWriter.LengthOfList(fields)];
        var writer = new RlpWriter(raw);
        if (typed)
        {
            writer.WriteRawByte((byte)transaction.Type);
        }

        writer.WriteListHeader(fields);
        WriteFields(ref writer, transaction);
        writer.WriteUInt256(v);
        writer.WriteUInt256(r);
        writer.WriteUInt256(s);
        return raw;
    }

    private static void Check(UnsignedTransaction t)
    {
        if (t.Type is < TransactionType.Legacy or > TransactionType.SetCode)
        {
            throw new ArgumentException($"unknown transaction type {(byte)t.Type}", nameof(t));
        }

        if (t.Type != TransactionType.Legacy && t.ChainId is null)
        {
            throw new ArgumentException("a typed transaction needs a chain id", nameof(t));
        }

        if (t.Type is TransactionType.Blob or TransactionType.SetCode && t.To is null)
        {
            throw new ArgumentException("blob and set-code transactions need a recipient", nameof(t));
        }
    }

    private static int Eip155Suffix(UnsignedTransaction t, out UInt256 chainId)
    {
        chainId = default;
        if (t.Type != TransactionType.Legacy || t.ChainId is null)
        {
            return 0;
        }

        chainId = t.ChainId.Value;
        return RlpWriter.LengthOfUInt256(chainId) + 2;
    }

    // The fields before the signature, in the order of each type's definition.
    private static int FieldsLength(UnsignedTransaction t)
    {
        var length = RlpWriter.LengthOfUInt64(t.Nonce)
            + RlpWriter.LengthOfUInt64(t.GasLimit)
            + RlpWriter.LengthOfOptionalAddress(t.To)
            + RlpWriter.LengthOfUInt256(t.Value)
            + RlpWriter.LengthOfBytes(t.Data.Span);
        if (t.Type == TransactionType.Legacy)
        {
            return length + RlpWriter.LengthOfUInt256(t.MaxFeePerGas);
        }

        length += RlpWriter.LengthOfUInt256(t.ChainId!.Value) + RlpWriter.LengthOfList(AccessListLength(t.AccessList));
        length += t.Type == TransactionType.AccessList
            ? RlpWriter.LengthOfUInt256(t.MaxFeePerGas)
            : RlpWriter.LengthOfUInt256(t.MaxPriorityFeePerGas) + RlpWriter.LengthOfUInt256(t.MaxFeePerGas);
        if (t.Type == TransactionType.Blob)
        {
            length += RlpWriter.LengthOfUInt256(t.MaxFeePerBlobGas)
                + RlpWriter.LengthOfList(t.BlobVersionedHashes.Count * RlpWriter.LengthOfHash());
        }
        else if (t.Type == TransactionType.SetCode)
        {
            length += RlpWriter.LengthOfList(AuthorizationsLength(t.AuthorizationList));
        }

        return length;
    }

    private static void WriteFields(ref RlpWriter writer, UnsignedTransaction t)
    {
        if (t.Type == TransactionType.Legacy)
        {
            writer.WriteUInt64(t.Nonce);
            writer.WriteUInt256(t.MaxFeePerGas);
            writer.WriteUInt64(t.GasLimit);
            writer.WriteOptionalAddress(t.To);
            writer.WriteUInt256(t.Value);
            writer.WriteBytes(t.Data.Span);
            return;
        }

        writer.WriteUInt256(t.ChainId!.Value);
        writer.WriteUInt64(t.Nonce);
        if (t.Type == TransactionType.AccessList)
        {
            writer.WriteUInt256(t.MaxFeePerGas);
        }
        else
        {
            writer.WriteUInt256(t.MaxPriorityFeePerGas);
            writer.WriteUInt256(t.MaxFeePerGas);
        }

        writer.WriteUInt64(t.GasLimit);
        writer.WriteOptionalAddress(t.To);
        writer.WriteUInt256(t.Value);
        writer.WriteBytes(t.Data.Span);
        writer.WriteListHeader(AccessListLength(t.AccessList));
        foreach (var entry in t.AccessList)
        {
            writer.WriteListHeader(AccessEntryLength(entry));
            writer.WriteAddress(entry.Address);
            writer.WriteListHeader(entry.StorageKeys.Count * RlpWriter.LengthOfHash());
            foreach (var key in entry.StorageKeys)
            {
                writer.WriteHash(key);
            }
        }

        if (t.Type == TransactionType.Blob)
        {
            writer.WriteUInt256(t.MaxFeePerBlobGas);
            writer.WriteListHeader(t.BlobVersionedHashes.Count * RlpWriter.LengthOfHash());
            foreach (var hash in t.BlobVersionedHashes)
            {
                writer.WriteHash(hash);
            }
        }
        else if (t.Type == TransactionType.SetCode)
        {
            writer.WriteListHeader(AuthorizationsLength(t.AuthorizationList));
            foreach (var a in t.AuthorizationList)
            {
                writer.WriteListHeader(AuthorizationLength(a));
                writer.WriteUInt256(a.ChainId);
                writer.WriteAddress(a.Address);
                writer.WriteUInt64(a.Nonce);
                writer.WriteUInt64(a.YParity);
                writer.WriteUInt256(a.R);
                writer.WriteUInt256(a.S);
            }
        }
    }

    private static int AccessEntryLength(AccessListEntry entry) =>
        RlpWriter.LengthOfAddress() + RlpWriter.LengthOfList(entry.StorageKeys.Count * RlpWriter.LengthOfHash());

    private static int AccessListLength(IReadOnlyList<AccessListEntry> list)
    {
        var length = 0;
        foreach (var entry in list)
        {
            length += RlpWriter.LengthOfList(AccessEntryLength(entry));
        }

        return length;
    }

    private static int AuthorizationLength(in Authorization a) =>
        RlpWriter.LengthOfUInt256(a.ChainId) + RlpWriter.LengthOfAddress() + RlpWriter.LengthOfUInt64(a.Nonce)
        + RlpWriter.LengthOfUInt64(a.YParity) + RlpWriter.LengthOfUInt256(a.R) + RlpWriter.LengthOfUInt256(a.S);

    private static int AuthorizationsLength(IReadOnlyList<Authorization> list)
    {
        var length = 0;
        foreach (var a in list)
        {
            length += RlpWriter.LengthOfList(AuthorizationLength(a));
        }

        return length;
    }
}
