using System.Buffers.Binary;
using System.Numerics;

namespace GpuValidate.State.Trie;

/// <summary>
/// The state trie's value for an externally owned account: RLP([nonce, balance, storageRoot, codeHash]) with the
/// empty storage root and the hash of empty code.
/// </summary>
internal static class AccountRlp
{
    /// <summary>Keccak-256 of RLP(""): the storage root of an account without storage.</summary>
    public static readonly byte[] EmptyStorageRoot = Convert.FromHexString("56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");

    /// <summary>Keccak-256 of no bytes: the code hash of an account without code.</summary>
    public static readonly byte[] EmptyCodeHash = Convert.FromHexString("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");

    /// <summary>The longest encoding: a list header, an 8-byte nonce, a 32-byte balance and two 32-byte hashes.</summary>
    public const int MaxLength = 2 + 9 + 33 + (2 * 33);

    /// <summary>Writes the RLP of <paramref name="account"/> to <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes); returns its length.</summary>
    public static int Encode(in Account account, Span<byte> destination)
    {
        Span<byte> nonce = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(nonce, account.Nonce);
        nonce = nonce[(BitOperations.LeadingZeroCount(account.Nonce) / 8)..];

        Span<byte> balance = stackalloc byte[32];
        balance = balance[..account.Balance.WriteMinimalBigEndian(balance)];

        var payload = TrieRlp.StringLength(nonce) + TrieRlp.StringLength(balance) + (2 * 33);
        var offset = TrieRlp.WriteListHeader(destination, payload);
        offset += TrieRlp.WriteString(destination[offset..], nonce);
        offset += TrieRlp.WriteString(destination[offset..], balance);
        offset += TrieRlp.WriteString(destination[offset..], EmptyStorageRoot);
        offset += TrieRlp.WriteString(destination[offset..], EmptyCodeHash);
        return offset;
    }
}
