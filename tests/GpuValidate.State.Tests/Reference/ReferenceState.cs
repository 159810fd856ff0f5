using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.State.Tests.Reference;

/// <summary>The Ethereum state root of a set of externally owned accounts, from the reference trie and RLP.</summary>
internal static class ReferenceState
{
    private static readonly byte[] EmptyStorageRoot = ReferenceTrie.Keccak(ReferenceRlp.String([]));
    private static readonly byte[] EmptyCodeHash = ReferenceTrie.Keccak([]);

    public static Hash256 Root(IEnumerable<KeyValuePair<Address, Account>> accounts)
    {
        var items = new Dictionary<string, byte[]>();
        foreach (var (address, account) in accounts)
        {
            if (account.Nonce == 0 && account.Balance.IsZero)
            {
                continue;
            }

            items[Convert.ToHexString(ReferenceTrie.Keccak(address.ToArray()))] = Encode(account);
        }

        return new Hash256(ReferenceTrie.Root(items));
    }

    public static byte[] Encode(Account account) => ReferenceRlp.List(
        ReferenceRlp.UInt(account.Nonce),
        ReferenceRlp.UInt(account.Balance.ToBigInteger()),
        ReferenceRlp.String(EmptyStorageRoot),
        ReferenceRlp.String(EmptyCodeHash));
}
