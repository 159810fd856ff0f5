using System.Buffers.Binary;
using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.State.Rocks;

/// <summary>
/// Keys and values in the RocksDB store. Metadata keys start with 0x00, accounts with 0x01 followed by the 20-byte
/// address (so iteration is in address order), per-block roots with 0x02 followed by the big-endian block number.
/// An account value is the 8-byte big-endian nonce followed by the 32-byte big-endian balance.
/// </summary>
internal static class RocksLayout
{
    public const int FormatVersion = 1;

    public const byte MetaPrefix = 0x00;
    public const byte AccountPrefix = 0x01;
    public const byte BlockRootPrefix = 0x02;

    public const int AccountKeySize = 1 + Address.Size;
    public const int AccountValueSize = 8 + 32;
    public const int BlockRootKeySize = 1 + 8;

    public static readonly byte[] FormatKey = [MetaPrefix, (byte)'f'];
    public static readonly byte[] GenesisKey = [MetaPrefix, (byte)'g'];
    public static readonly byte[] LastBlockKey = [MetaPrefix, (byte)'n'];
    public static readonly byte[] RootKey = [MetaPrefix, (byte)'r'];

    public static readonly byte[] AccountLowerBound = [AccountPrefix];
    public static readonly byte[] AccountUpperBound = [AccountPrefix + 1];

    public static void AccountKey(in Address address, Span<byte> key)
    {
        key[0] = AccountPrefix;
        address.WriteTo(key[1..]);
    }

    public static void BlockRootKey(long blockNumber, Span<byte> key)
    {
        key[0] = BlockRootPrefix;
        BinaryPrimitives.WriteInt64BigEndian(key[1..], blockNumber);
    }

    public static void EncodeAccount(in Account account, Span<byte> value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(value, account.Nonce);
        account.Balance.WriteBigEndian(value[8..]);
    }

    public static bool TryDecodeAccount(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, out Address address, out Account account)
    {
        address = default;
        account = default;
        if (key.Length != AccountKeySize || key[0] != AccountPrefix || value.Length != AccountValueSize
            || !UInt256.TryFromBigEndian(value[8..], out var balance))
        {
            return false;
        }

        address = new Address(key[1..]);
        account = new Account(BinaryPrimitives.ReadUInt64BigEndian(value), balance);

        // Empty accounts are deleted, never stored.
        return !account.IsEmpty;
    }

    public static byte[] EncodeInt64(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }

    public static bool TryDecodeInt64(byte[]? bytes, out long value)
    {
        value = 0;
        if (bytes is not { Length: 8 })
        {
            return false;
        }

        value = BinaryPrimitives.ReadInt64BigEndian(bytes);
        return true;
    }

    public static bool TryDecodeHash(byte[]? bytes, out Hash256 hash)
    {
        hash = default;
        if (bytes is not { Length: Hash256.Size })
        {
            return false;
        }

        hash = new Hash256(bytes);
        return true;
    }
}
