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
    private readonly AccountTable _accounts = new();
    private readonly StateTrie _trie = new();
    private readonly Lock _commitLock = new();
    private CommitPoint _head;
    private bool _disposed;

    /// <summary>Changes per commit up to which the scratch arrays are kept for the next commit.</summary>
    private const int MaxKeptScratch = 1 << 16;

    // Scratch for one commit, reused under the commit lock: the changes resolved to their cells, and the addresses
    // of accounts new to the store with their trie keys, hashed in one batch.
    private PendingChange[] _pending = [];
    private byte[] _newAddresses = [];
    private byte[] _newKeys = [];
    private byte[] _keys = [];
    private Account[] _values = [];

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
        var initial = new Dictionary<Address, Account>();
        foreach (var (address, account) in accounts)
        {
            if (account.IsEmpty)
            {
                continue;
            }

            if (!initial.TryAdd(address, account))
            {
                throw new ArgumentException($"the genesis alloc lists {address} twice", nameof(accounts));
            }
        }

        var count = Resolve(initial);
        for (var i = 0; i < count; i++)
        {
            ref var change = ref _pending[i];
            _accounts.Add(change.Address, change.Created!);
        }

        ApplyToTrie(count, rollBack: false);
        ReleaseScratch(int.MaxValue);
        _head = new CommitPoint(lastBlockNumber, _trie.ComputeRoot());
    }

    /// <inheritdoc/>
    public long LastBlockNumber => Volatile.Read(ref _head).BlockNumber;

    /// <inheritdoc/>
    public Hash256 StateRoot => Volatile.Read(ref _head).Root;

    /// <summary>The number of stored (non-empty) accounts.</summary>
    public int Count => _accounts.Count;

    /// <inheritdoc/>
    public Account GetAccount(in Address address) =>
        _accounts.Find(address) is { } cell ? cell.Read() : default;

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

            var count = Resolve(changes);
            try
            {
                ApplyToTrie(count, rollBack: false);
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
                        ApplyToTrie(count, rollBack: true);
                        throw;
                    }
                }

                Publish(count);
                Volatile.Write(ref _head, new CommitPoint(blockNumber, root));
                return root;
            }
            finally
            {
                ReleaseScratch(count);
            }
        }
    }

    /// <inheritdoc/>
    public IEnumerable<KeyValuePair<Address, Account>> Accounts()
    {
        KeyValuePair<Address, Account>[] snapshot;
        lock (_commitLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            snapshot = [.. _accounts.Entries().Select(static entry => KeyValuePair.Create(entry.Key, entry.Value.Read()))];
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

    /// <summary>
    /// Fills <see cref="_pending"/> with each change and the cell it lands in: the stored account's, or for an account
    /// new to the store a new, unpublished cell (their trie keys hashed in one batch). An empty account that is not
    /// stored has nothing to remove and gets no cell. Returns the number of changes.
    /// </summary>
    private int Resolve(IEnumerable<KeyValuePair<Address, Account>> changes)
    {
        var count = 0;
        var fresh = 0;
        foreach (var (address, account) in changes)
        {
            Grow(ref _pending, count + 1);
            var existing = _accounts.Find(address);
            _pending[count++] = new PendingChange(address, account, existing);
            if (existing is null && !account.IsEmpty)
            {
                Grow(ref _newAddresses, (fresh + 1) * Address.Size);
                address.WriteTo(_newAddresses.AsSpan(fresh++ * Address.Size, Address.Size));
            }
        }

        if (fresh > 0)
        {
            Grow(ref _newKeys, fresh * 32);
            _trie.HashKeys(_newAddresses.AsSpan(0, fresh * Address.Size), _newKeys);
            fresh = 0;
            for (var i = 0; i < count; i++)
            {
                ref var change = ref _pending[i];
                if (change.Existing is null && !change.Account.IsEmpty)
                {
                    change.Created = new AccountCell(change.Account, new Hash256(_newKeys.AsSpan(fresh++ * 32, 32)));
                }
            }
        }

        return count;
    }

    /// <summary>Sets (or removes) every resolved change in the trie, or with <paramref name="rollBack"/> puts back what the cells still hold.</summary>
    private void ApplyToTrie(int count, bool rollBack)
    {
        Grow(ref _keys, count * 32);
        Grow(ref _values, count);
        var n = 0;
        for (var i = 0; i < count; i++)
        {
            ref var change = ref _pending[i];
            var cell = change.Existing ?? change.Created;
            if (cell is null)
            {
                continue;
            }

            cell.TrieKey.WriteTo(_keys.AsSpan(n * 32, 32));
            _values[n++] = rollBack ? change.Existing?.Read() ?? default : change.Account;
        }

        _trie.SetOrRemoveAll(_keys.AsSpan(0, n * 32), _values.AsSpan(0, n));
    }

    /// <summary>Makes the resolved changes visible to readers: updates in place, new cells added, emptied accounts removed.</summary>
    private void Publish(int count)
    {
        for (var i = 0; i < count; i++)
        {
            ref var change = ref _pending[i];
            if (change.Existing is { } existing)
            {
                if (change.Account.IsEmpty)
                {
                    _accounts.Remove(change.Address);
                }
                else
                {
                    existing.Write(change.Account);
                }
            }
            else if (change.Created is { } created)
            {
                _accounts.Add(change.Address, created);
            }
        }
    }

    /// <summary>
    /// Lets go of the commit's cells, and of the scratch arrays themselves after the genesis or an unusually large
    /// change set (a genesis of a million accounts would otherwise keep some 200 MB of scratch for the life of the
    /// store).
    /// </summary>
    private void ReleaseScratch(int count)
    {
        if (count > MaxKeptScratch)
        {
            (_pending, _newAddresses, _newKeys, _keys, _values) = ([], [], [], [], []);
        }
        else
        {
            Array.Clear(_pending, 0, count);
        }
    }

    private static void Grow<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            Array.Resize(ref array, Math.Max(length, Math.Max(16, array.Length * 2)));
        }
    }

    private sealed record CommitPoint(long BlockNumber, Hash256 Root);

    /// <summary>One change of a commit and the cell it lands in.</summary>
    private struct PendingChange(Address address, Account account, AccountCell? existing)
    {
        public readonly Address Address = address;
        public readonly Account Account = account;
        public readonly AccountCell? Existing = existing;
        public AccountCell? Created;
    }
}
