using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.Ethereum.Rlp;

namespace GpuValidate.Ethereum.Transactions;

/// <summary>
/// Strict decoding of raw transactions (the EIP-2718 envelope or a legacy RLP list) as clients do it: canonical
/// RLP only, no leading zeros, exactly the fields of the type, nothing after them, integers within their
/// widths, addresses exactly 20 bytes. Never throws for bad input and allocates only in proportion to what the
/// input really holds (lists are counted before arrays are made), so hostile input cannot exhaust memory.
/// </summary>
public static class TransactionDecoder
{
    /// <summary>Decodes a copy of <paramref name="raw"/>; the result does not refer to the caller's buffer.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> raw, [NotNullWhen(true)] out Transaction? transaction, out TransactionError error) =>
        TryDecodeShared(raw.ToArray(), out transaction, out error);

    /// <summary>
    /// Decodes <paramref name="raw"/> without copying: the transaction's <see cref="Transaction.Raw"/> and
    /// <see cref="Transaction.Data"/> are slices of it, so the caller must not change it afterwards.
    /// </summary>
    public static bool TryDecodeShared(ReadOnlyMemory<byte> raw, [NotNullWhen(true)] out Transaction? transaction, out TransactionError error)
    {
        transaction = null;
        var span = raw.Span;
        if (span.IsEmpty)
        {
            error = TransactionError.BadInput;
            return false;
        }

        var first = span[0];
        if (first >= 0xC0)
        {
            error = DecodeLegacy(raw, out transaction);
        }
        else if (first >= 0x80)
        {
            // A byte string is neither a legacy list nor a type byte.
            error = TransactionError.MalformedRlp;
        }
        else if (first is >= (byte)TransactionType.AccessList and <= (byte)TransactionType.SetCode)
        {
            error = DecodeTyped(raw, (TransactionType)first, out transaction);
        }
        else
        {
            error = TransactionError.UnsupportedType;
        }

        if (error != TransactionError.None)
        {
            transaction = null;
            return false;
        }

        return transaction is not null;
    }

    /// <summary>Reads only the type: <see cref="TransactionType.Legacy"/> for an RLP list, the type byte for an envelope; false for anything else.</summary>
    public static bool TryPeekType(ReadOnlySpan<byte> raw, out TransactionType type)
    {
        type = TransactionType.Legacy;
        if (raw.IsEmpty || (raw[0] >= 0x80 && raw[0] < 0xC0))
        {
            return false;
        }

        if (raw[0] >= 0xC0)
        {
            return true;
        }

        type = (TransactionType)raw[0];
        return raw[0] is >= 1 and <= 4;
    }

    private static TransactionError RlpFailure(RlpError error) => error switch
    {
        RlpError.IntegerOverflow => TransactionError.ValueOutOfRange,
        _ => TransactionError.MalformedRlp,
    };

    private static TransactionError DecodeLegacy(ReadOnlyMemory<byte> raw, out Transaction? transaction)
    {
        transaction = null;
        var span = raw.Span;
        var outer = new RlpReader(span);
        if (!outer.TryReadList(out var items) || !outer.TryEnsureEnd())
        {
            return RlpFailure(outer.Error);
        }

        _ = RlpReader.TryReadHeader(span, out _, out var fieldsOffset, out _);
        if (!items.TryReadUInt64(out var nonce)
            || !items.TryReadUInt256(out var gasPrice)
            || !items.TryReadUInt64(out var gas)
            || !items.TryReadOptionalAddress(out var to)
            || !items.TryReadUInt256(out var value)
            || !items.TryReadBytes(out var data))
        {
            return RlpFailure(items.Error);
        }

        var fieldsLength = items.Position;
        if (!items.TryReadUInt256(out var v)
            || !items.TryReadUInt256(out var r)
            || !items.TryReadUInt256(out var s)
            || !items.TryEnsureEnd())
        {
            return RlpFailure(items.Error);
        }

        var (chainId, yParity) = SplitLegacyV(v);
        transaction = new Transaction
        {
            Type = TransactionType.Legacy,
            ChainId = chainId,
            Nonce = nonce,
            MaxFeePerGas = gasPrice,
            MaxPriorityFeePerGas = gasPrice,
            GasLimit = gas,
            To = to,
            Value = value,
            Data = raw.Slice(OffsetOf(span, data), data.Length),
            V = v,
            YParity = yParity,
            R = r,
            S = s,
            Raw = raw,
            UnsignedFieldsOffset = fieldsOffset,
            UnsignedFieldsLength = fieldsLength,
        };
        return TransactionError.None;
    }

    // v = 27/28: no chain id; v >= 35: chainId = (v - 35) / 2, parity = (v - 35) % 2; anything else has no valid parity.
    private static (UInt256? ChainId, byte YParity) SplitLegacyV(in UInt256 v)
    {
        if (v.FitsInUInt64)
        {
            var small = v.Low64;
            if (small is 27 or 28)
            {
                return (null, (byte)(small - 27));
            }

            if (small >= 35)
            {
                return (new UInt256((small - 35) / 2), (byte)((small - 35) % 2));
            }

            return (null, Transaction.InvalidYParity);
        }

        var big = v.ToBigInteger() - 35;
        _ = UInt256.TryFromBigInteger(big / 2, out var chainId);
        return (chainId, (byte)(big % 2));
    }

    private static TransactionError DecodeTyped(ReadOnlyMemory<byte> raw, TransactionType type, out Transaction? transaction)
    {
        transaction = null;
        var span = raw.Span;
        var body = span[1..];
        var outer = new RlpReader(body);
        if (!outer.TryReadList(out var items) || !outer.TryEnsureEnd())
        {
            return RlpFailure(outer.Error);
        }

        _ = RlpReader.TryReadHeader(body, out _, out var headerLength, out _);
        if (!items.TryReadUInt256(out var chainId) || !items.TryReadUInt64(out var nonce))
        {
            return RlpFailure(items.Error);
        }

        UInt256 maxPriority, maxFee;
        if (type == TransactionType.AccessList)
        {
            if (!items.TryReadUInt256(out maxFee))
            {
                return RlpFailure(items.Error);
            }

            maxPriority = maxFee;
        }
        else if (!items.TryReadUInt256(out maxPriority) || !items.TryReadUInt256(out maxFee))
        {
            return RlpFailure(items.Error);
        }

        if (!items.TryReadUInt64(out var gas) || !items.TryReadOptionalAddress(out var to))
        {
            return RlpFailure(items.Error);
        }

        if (to is null && type is TransactionType.Blob or TransactionType.SetCode)
        {
            return TransactionError.MissingTo;
        }

        if (!items.TryReadUInt256(out var value) || !items.TryReadBytes(out var data))
        {
            return RlpFailure(items.Error);
        }

        var error = ReadAccessList(ref items, out var accessList, out var storageKeys);
        if (error != TransactionError.None)
        {
            return error;
        }

        UInt256 maxFeePerBlobGas = default;
        IReadOnlyList<Hash256> blobHashes = [];
        IReadOnlyList<Authorization> authorizations = [];
        if (type == TransactionType.Blob)
        {
            if (!items.TryReadUInt256(out maxFeePerBlobGas))
            {
                return RlpFailure(items.Error);
            }

            error = ReadBlobHashes(ref items, out blobHashes);
        }
        else if (type == TransactionType.SetCode)
        {
            error = ReadAuthorizations(ref items, out authorizations);
        }

        if (error != TransactionError.None)
        {
            return error;
        }

        var fieldsLength = items.Position;
        if (!items.TryReadUInt256(out var yParityField)
            || !items.TryReadUInt256(out var r)
            || !items.TryReadUInt256(out var s)
            || !items.TryEnsureEnd())
        {
            return RlpFailure(items.Error);
        }

        transaction = new Transaction
        {
            Type = type,
            ChainId = chainId,
            Nonce = nonce,
            MaxFeePerGas = maxFee,
            MaxPriorityFeePerGas = maxPriority,
            GasLimit = gas,
            To = to,
            Value = value,
            Data = raw.Slice(OffsetOf(span, data), data.Length),
            AccessList = accessList,
            AccessListStorageKeyCount = storageKeys,
            MaxFeePerBlobGas = maxFeePerBlobGas,
            BlobVersionedHashes = blobHashes,
            AuthorizationList = authorizations,
            V = yParityField,
            YParity = yParityField.FitsInUInt64 && yParityField.Low64 <= 1 ? (byte)yParityField.Low64 : Transaction.InvalidYParity,
            R = r,
            S = s,
            Raw = raw,
            UnsignedFieldsOffset = 1 + headerLength,
            UnsignedFieldsLength = fieldsLength,
        };
        return TransactionError.None;
    }

    // [[address, [key, ...]], ...]; counted first so the arrays are exactly as long as the input shows.
    private static TransactionError ReadAccessList(ref RlpReader items, out IReadOnlyList<AccessListEntry> accessList, out int storageKeys)
    {
        accessList = [];
        storageKeys = 0;
        if (!items.TryReadList(out var list))
        {
            return RlpFailure(items.Error);
        }

        var count = CountItems(list);
        if (count < 0)
        {
            return TransactionError.MalformedRlp;
        }

        if (count == 0)
        {
            return TransactionError.None;
        }

        var entries = new AccessListEntry[count];
        for (var i = 0; i < count; i++)
        {
            if (!list.TryReadList(out var entry)
                || !entry.TryReadAddress(out var address)
                || !entry.TryReadList(out var keysList))
            {
                return RlpFailure(list.Error != RlpError.None ? list.Error : entry.Error);
            }

            var keyCount = CountItems(keysList);
            if (keyCount < 0)
            {
                return TransactionError.MalformedRlp;
            }

            var keys = keyCount == 0 ? [] : new Hash256[keyCount];
            for (var k = 0; k < keyCount; k++)
            {
                if (!keysList.TryReadHash(out keys[k]))
                {
                    return TransactionError.MalformedRlp;
                }
            }

            if (!entry.TryEnsureEnd())
            {
                return TransactionError.MalformedRlp;
            }

            storageKeys += keyCount;
            entries[i] = new AccessListEntry(address, keys);
        }

        accessList = entries;
        return TransactionError.None;
    }

    private static TransactionError ReadBlobHashes(ref RlpReader items, out IReadOnlyList<Hash256> hashes)
    {
        hashes = [];
        if (!items.TryReadList(out var list))
        {
            return RlpFailure(items.Error);
        }

        var count = CountItems(list);
        if (count < 0)
        {
            return TransactionError.MalformedRlp;
        }

        var result = count == 0 ? [] : new Hash256[count];
        for (var i = 0; i < count; i++)
        {
            if (!list.TryReadHash(out result[i]))
            {
                return TransactionError.MalformedRlp;
            }
        }

        hashes = result;
        return TransactionError.None;
    }

    private static TransactionError ReadAuthorizations(ref RlpReader items, out IReadOnlyList<Authorization> authorizations)
    {
        authorizations = [];
        if (!items.TryReadList(out var list))
        {
            return RlpFailure(items.Error);
        }

        var count = CountItems(list);
        if (count < 0)
        {
            return TransactionError.MalformedRlp;
        }

        var result = count == 0 ? [] : new Authorization[count];
        for (var i = 0; i < count; i++)
        {
            if (!list.TryReadList(out var tuple))
            {
                return RlpFailure(list.Error);
            }

            if (!tuple.TryReadUInt256(out var chainId)
                || !tuple.TryReadAddress(out var address)
                || !tuple.TryReadUInt64(out var nonce)
                || !tuple.TryReadIntegerBytes(1, out var yParity)
                || !tuple.TryReadUInt256(out var r)
                || !tuple.TryReadUInt256(out var s)
                || !tuple.TryEnsureEnd())
            {
                return RlpFailure(tuple.Error);
            }

            result[i] = new Authorization(chainId, address, nonce, yParity.IsEmpty ? (byte)0 : yParity[0], r, s);
        }

        authorizations = result;
        return TransactionError.None;
    }

    // The number of items in a list payload, or -1 when an item header is malformed.
    private static int CountItems(RlpReader list)
    {
        var count = 0;
        while (!list.IsEnd)
        {
            if (!list.TrySkip())
            {
                return -1;
            }

            count++;
        }

        return count;
    }

    private static int OffsetOf(ReadOnlySpan<byte> outer, ReadOnlySpan<byte> inner) =>
        (int)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(outer), ref MemoryMarshal.GetReference(inner));
}
