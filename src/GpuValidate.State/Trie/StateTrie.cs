using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.State.Trie;

/// <summary>
/// The account trie: keccak256(address) -> RLP(account), for externally owned accounts. Wraps the generic trie
/// with Ethereum's key hashing and account encoding. Not thread-safe; the stores serialise writers.
/// </summary>
internal sealed class StateTrie
{
    private readonly PatriciaTrie _trie = new();

    /// <summary>
    /// The number of changes since the last root computation from which the root's subtrees hash in parallel
    /// (<see cref="PatriciaTrie.ParallelThreshold"/>); int.MaxValue keeps it sequential.
    /// </summary>
    public int ParallelThreshold
    {
        get => _trie.ParallelThreshold;
        set => _trie.ParallelThreshold = value;
    }

    /// <summary>Whether dirty nodes are hashed a level at a time with batched Keccak (<see cref="PatriciaTrie.BatchedHashing"/>).</summary>
    public bool BatchedHashing
    {
        get => _trie.BatchedHashing;
        set => _trie.BatchedHashing = value;
    }

    /// <summary>The Keccak implementation batched hashing uses (<see cref="PatriciaTrie.KeccakPath"/>).</summary>
    public KeccakBatchPath KeccakPath
    {
        get => _trie.KeccakPath;
        set => _trie.KeccakPath = value;
    }

    /// <summary>Sets or, for an empty account (EIP-161), removes the account at <paramref name="address"/>.</summary>
    public void Apply(in Address address, in Account account)
    {
        Span<byte> key = stackalloc byte[32];
        HashAddress(address, key);
        if (account.IsEmpty)
        {
            _trie.Remove(key);
        }
        else
        {
            _trie.Set(key, AccountRlp.Encode(account));
        }
    }

    /// <summary>The state root, rehashing only the paths changed since the last call.</summary>
    public Hash256 ComputeRoot() => new(_trie.ComputeRootHash());

    private static void HashAddress(in Address address, Span<byte> key)
    {
        Span<byte> bytes = stackalloc byte[Address.Size];
        address.WriteTo(bytes);
        Keccak.Hash(bytes, key);
    }
}
