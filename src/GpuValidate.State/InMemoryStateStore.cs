using System.Collections.Concurrent;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.State.Trie;

namespace GpuValidate.State;

/// <summary>
/// Account state held in memory with an incrementally hashed state trie: the embedded default for the CLI and
/// benchmarks, and the in-memory half of <c>RocksDbStateStore</c>.
/// </summary>
/// <remarks>
/// Reads take no lock: any number of threads may call <see cref="GetAccount"/> while a block executes. Commits are
/// serialised and publish nothing until the new root is computed (and, for the durable store, written), so a
/// read sees the last committed block. A read that races a commit sees that account either before or after the
/// block; a caller that needs several accounts from one block reads them between commits, as the applier does.
/// </remarks>
public sealed class InMemoryStateStore : IStateStore
{
    private readonly ConcurrentDictionary<Address, Account> _accounts;
    private readonly StateTrie _trie = new();
    private readonly Lock _commitLock = new();
    private CommitPoint _head;
    private bool _disposed;

    /// <summary>An empty genesis state.</summary>
    public InMemoryStateStore()
        : this([])
    {
    }

    /// <summary>
    /// A store holding <paramref name="genesisAlloc"/> as the state before block 0's successor. Empty accounts are
    /// skipped (EIP-161); an address given twice is a caller mistake.
    /// </summary>
    public InMemoryStateStore(IEnumerable<KeyValuePair<Address, Account>> genesisAlloc)
        : this(genesisAlloc, -1)
    {
    }

    /// <summary>Restores a store at <paramref name="lastBlockNumber"/> from its complete account set.</summary>
    internal InMemoryStateStore(IEnumerable<KeyValuePair<Address, Account>> accounts, long lastBlockNumber)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        _accounts = new ConcurrentDictionary<Address, Account>();
        foreach (var (address, account) in accounts)
        {
            if (account.IsEmpty)
            {
                continue;
            }

            if (!_accounts.TryAdd(address, account))
            {
                throw new ArgumentException($"the genesis alloc lists {address} twice", nameof(accounts));
            }
        }

        _trie.ApplyAll(_accounts);

        _head = new CommitPoint(lastBlockNumber, _trie.ComputeRoot());
    }

    /// <inheritdoc/>
    public long LastBlockNumber => Volatile.Read(ref _head).BlockNumber;

    /// <inheritdoc/>
    public Hash256 StateRoot => Volatile.Read(ref _head).Root;

    /// <summary>The number of stored (non-empty) accounts.</summary>
    public int Count => _accounts.Count;

    /// <inheritdoc/>
    public Account GetAccount(in Address address)
    {
        _accounts.TryGetValue(address, out var account);
        return account;
    }

    /// <inheritdoc/>
    public Hash256 Commit(long blockNumber, IReadOnlyDictionary<Address, Account> changes) =>
        Commit(blockNumber, changes, persist: null);

    /// <summary>
    /// Commits like <see cref="Commit(long, IReadOnlyDictionary{Address, Account})"/>, calling
    /// <paramref name="persist"/> with the new root after it is computed and before anything becomes visible.
    /// If <paramref name="persist"/> throws, the trie is rolled back and nothing is applied.
    /// </summary>
    internal Hash256 Commit(long blockNumber, IReadOnlyDictionary<Address, Account> changes, Action<Hash256>? persist)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_commitLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var head = _head;
            if (blockNumber <= head.BlockNumber)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(blockNumber), blockNumber, $"blocks commit in increasing order; the last committed is {head.BlockNumber}");
            }

            _trie.ApplyAll(changes);
            var root = _trie.ComputeRoot();
            if (persist is not null)
            {
                try
                {
                    persist(root);
                }
                catch
                {
                    // Undo the trie from the still-untouched accounts; the next commit rehashes those paths.
                    foreach (var (address, _) in changes)
                    {
                        _accounts.TryGetValue(address, out var previous);
                        _trie.Apply(address, previous);
                    }

                    throw;
                }
            }

            foreach (var (address, account) in changes)
            {
                if (account.IsEmpty)
                {
                    _accounts.TryRemove(address, out _);
                }
                else
                {
                    _accounts[address] = account;
                }
            }

            Volatile.Write(ref _head, new CommitPoint(blockNumber, root));

            return root;
        }
    }

    /// <inheritdoc/>
    public IEnumerable<KeyValuePair<Address, Account>> Accounts()
    {
        KeyValuePair<Address, Account>[] snapshot;
        lock (_commitLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            snapshot = [.. _accounts];
        }

        Array.Sort(snapshot, static (a, b) => a.Key.CompareTo(b.Key));
        return snapshot;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_commitLock)
        {
            _disposed = true;
        }
    }

    private sealed record CommitPoint(long BlockNumber, Hash256 Root);
}
