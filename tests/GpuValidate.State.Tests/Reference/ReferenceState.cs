using GpuValidate.Ethereum.Primitives;
using GpuValidate.TestSupport;

namespace GpuValidate.State.Tests.Reference;

/// <summary>The Ethereum state root of a set of externally owned accounts, from the reference trie and RLP.</summary>
internal static class ReferenceState
{
    private static readonly byte[] EmptyStorageRoot = KeccakOracle.Hash(ReferenceRlp.String([]));
    private static readonly byte[] EmptyCodeHash = KeccakOracle.Hash([]);

    public static Hash256 Root(IEnumerable<KeyValuePair<Address, Account>> accounts)
    {
        var items = new Dictionary<string, byte[]>();
        foreach (var (address, account) in accounts)
        {
            if (account.Nonce == 0 && account.Balance.IsZero)
            {
                continue;
            }

            items[Convert.ToHexString(KeccakOracle.Hash(address.ToArray()))] = Encode(account);
        }

        return new Hash256(ReferenceTrie.Root(items));
    }

    public static byte[] Encode(Account account) => ReferenceRlp.List(
        ReferenceRlp.UInt(account.Nonce),
        ReferenceRlp.UInt(account.Balance.ToBigInteger()),
        ReferenceRlp.String(EmptyStorageRoot),
        ReferenceRlp.String(EmptyCodeHash));
}
