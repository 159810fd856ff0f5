using System.Buffers.Binary;
using System.Text;
using GpuValidate.Ethereum.Blocks;
using GpuValidate.Ethereum.Hashing;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.State;

namespace GpuValidate.Pipeline.Durability;

/// <summary>
/// The identity a durable store records for its genesis: Keccak-256 over a domain tag, the chain id and the genesis
/// state root. Two genesis files that differ only in layout or whitespace share an identity; a different chain id or
/// alloc does not.
/// </summary>
public static class GenesisIdentity
{
    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("gpuvalidate/genesis/v1");

    /// <summary>The identity of a genesis with <paramref name="chainId"/> and the given alloc state root.</summary>
    public static Hash256 Compute(ulong chainId, in Hash256 allocRoot)
    {
        Span<byte> input = stackalloc byte[Domain.Length + 8 + Hash256.Size];
        Domain.CopyTo(input);
        BinaryPrimitives.WriteUInt64BigEndian(input[Domain.Length..], chainId);
        allocRoot.WriteTo(input[(Domain.Length + 8)..]);
        return Keccak.Hash(input);
    }

    /// <summary>The identity of a genesis with <paramref name="chainId"/> and <paramref name="alloc"/>.</summary>
    public static Hash256 Compute(ulong chainId, IEnumerable<KeyValuePair<Address, Account>> alloc)
    {
        using var state = new InMemoryStateStore(alloc);
        return Compute(chainId, state.StateRoot);
    }

    /// <summary>The identity of <paramref name="genesis"/>.</summary>
    public static Hash256 Compute(Genesis genesis)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        return Compute(genesis.ChainId, Alloc(genesis));
    }

    /// <summary>The genesis accounts as state-store entries.</summary>
    public static IEnumerable<KeyValuePair<Address, Account>> Alloc(Genesis genesis)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        return genesis.Alloc.Select(static a => KeyValuePair.Create(a.Address, new Account(a.Nonce, a.Balance)));
    }
}
