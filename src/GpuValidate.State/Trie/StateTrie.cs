using System.Buffers;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.Kernels.Hashing;

namespace GpuValidate.State.Trie;

/// <summary>
/// The account trie: keccak256(address) -> RLP(account), for externally owned accounts. Wraps the generic trie
/// with Ethereum's key hashing and account encoding. Not thread-safe; the stores serialise writers.
/// </summary>
internal sealed class StateTrie
{
    /// <summary>Changes hashed per <see cref="KeccakBatch"/> call in <see cref="ApplyAll"/>.</summary>
    private const int ApplyChunk = 1024;

    private readonly PatriciaTrie _trie = new();

    /// <summary>What <see cref="PatriciaTrie.Warm"/> read, kept so that its reads stay in the code.</summary>
    private int _warmth;

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
        SetOrRemove(key, account);
    }

    /// <summary>
    /// Applies every change as <see cref="Apply"/> would, in order, hashing the addresses into trie keys a chunk at a
    /// time with batched SIMD Keccak (<see cref="KeccakBatchPath"/>) rather than one at a time.
    /// </summary>
    public void ApplyAll(IEnumerable<KeyValuePair<Address, Account>> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var addresses = ArrayPool<byte>.Shared.Rent(ApplyChunk * Address.Size);
        var keys = ArrayPool<byte>.Shared.Rent(ApplyChunk * 32);
        var accounts = ArrayPool<Account>.Shared.Rent(ApplyChunk);
        try
        {
            var count = 0;
            foreach (var (address, account) in changes)
            {
                address.WriteTo(addresses.AsSpan(count * Address.Size, Address.Size));
                accounts[count++] = account;
                if (count == ApplyChunk)
                {
                    ApplyChunkOf(addresses, keys, accounts, count);
                    count = 0;
                }
            }

            ApplyChunkOf(addresses, keys, accounts, count);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(addresses);
            ArrayPool<byte>.Shared.Return(keys);
            ArrayPool<Account>.Shared.Return(accounts);
        }
    }

    /// <summary>The state root, rehashing only the paths changed since the last call.</summary>
    public Hash256 ComputeRoot() => new(_trie.ComputeRootHash());

    private void ApplyChunkOf(byte[] addresses, byte[] keys, Account[] accounts, int count)
    {
        if (count == 0)
        {
            return;
        }

        HashKeys(addresses.AsSpan(0, count * Address.Size), keys);
        SetOrRemoveAll(keys.AsSpan(0, count * 32), accounts.AsSpan(0, count));
    }

    /// <summary>The trie keys (Keccak-256) of the 20-byte addresses laid end to end in <paramref name="addresses"/>, hashed in one batch.</summary>
    public void HashKeys(ReadOnlySpan<byte> addresses, Span<byte> keys) =>
        KeccakBatch.HashEach(addresses, Address.Size, keys, KeccakPath);

    /// <summary>
    /// Sets or removes each of <paramref name="accounts"/> at its trie key in <paramref name="keys"/> (32 bytes each), in
    /// order, as <see cref="SetOrRemove"/> would, warming the paths of a few keys at a time first
    /// (<see cref="PatriciaTrie.Warm"/>).
    /// </summary>
    public void SetOrRemoveAll(ReadOnlySpan<byte> keys, ReadOnlySpan<Account> accounts)
    {
        for (var start = 0; start < accounts.Length; start += PatriciaTrie.WarmGroup)
        {
            var end = Math.Min(accounts.Length, start + PatriciaTrie.WarmGroup);
            _warmth += _trie.Warm(keys[(start * 32)..(end * 32)], 32);
            for (var i = start; i < end; i++)
            {
                SetOrRemove(keys.Slice(i * 32, 32), accounts[i]);
            }
        }
    }

    /// <summary>Sets the account at trie key <paramref name="key"/> or, for an empty account (EIP-161), removes it.</summary>
    public void SetOrRemove(ReadOnlySpan<byte> key, in Account account)
    {
        if (account.IsEmpty)
        {
            _trie.Remove(key);
        }
        else
        {
            Span<byte> value = stackalloc byte[AccountRlp.MaxLength];
            _trie.Set(key, value[..AccountRlp.Encode(account, value)]);
        }
    }

    private static void HashAddress(in Address address, Span<byte> key)
    {
        Span<byte> bytes = stackalloc byte[Address.Size];
        address.WriteTo(bytes);
        Keccak.Hash(bytes, key);
    }
}
