using GpuValidate.Ethereum.Primitives;
using RocksDbSharp;

namespace GpuValidate.State.Rocks;

/// <summary>
/// Account state kept in RocksDB and mirrored in memory: reads and the state root come from the in-memory
/// <see cref="InMemoryStateStore"/>, and every <see cref="Commit"/> is written as one atomic, synced RocksDB
/// write batch (account puts and deletes, the block number, the state root and the block's root) before it
/// becomes visible.
/// </summary>
/// <remarks>
/// <see cref="Open(string, Hash256, IEnumerable{KeyValuePair{Address, Account}})"/> first checks an existing store
/// through a read-only handle (file checksums, metadata, genesis identity, and the state root rebuilt from the
/// stored accounts against the stored root), so a store that is refused is left exactly as it was.
/// </remarks>
public sealed class RocksDbStateStore : IStateStore
{
    private readonly RocksDb _db;
    private readonly InMemoryStateStore _memory;
    private readonly WriteOptions _syncWrite = new WriteOptions().SetSync(true);
    private readonly Lock _lifetimeLock = new();
    private bool _disposed;

    private RocksDbStateStore(RocksDb db, InMemoryStateStore memory, string directory, Hash256 genesisId, bool created)
    {
        _db = db;
        _memory = memory;
        Directory = directory;
        GenesisId = genesisId;
        Created = created;
    }

    /// <summary>The store's directory (full path).</summary>
    public string Directory { get; }

    /// <summary>The genesis identity the store was created with.</summary>
    public Hash256 GenesisId { get; }

    /// <summary>True when <see cref="Open(string, Hash256, IEnumerable{KeyValuePair{Address, Account}})"/> created the store from the genesis; false when it reopened one.</summary>
    public bool Created { get; }

    /// <inheritdoc/>
    public long LastBlockNumber => _memory.LastBlockNumber;

    /// <inheritdoc/>
    public Hash256 StateRoot => _memory.StateRoot;

    /// <summary>The number of stored (non-empty) accounts.</summary>
    public int Count => _memory.Count;

    /// <summary>
    /// Opens the store in <paramref name="directory"/>, or creates it from the genesis when the directory is missing or
    /// empty. The genesis identity is the genesis state root.
    /// </summary>
    /// <exception cref="StateStoreOpenException">The store is damaged, was created from another genesis, or is in use.</exception>
    public static RocksDbStateStore Open(string directory, IEnumerable<KeyValuePair<Address, Account>> genesisAlloc)
    {
        ArgumentNullException.ThrowIfNull(genesisAlloc);
        var alloc = genesisAlloc as IReadOnlyCollection<KeyValuePair<Address, Account>> ?? [.. genesisAlloc];
        using var genesis = new InMemoryStateStore(alloc);
        return Open(directory, genesis.StateRoot, alloc);
    }

    /// <summary>
    /// Opens the store in <paramref name="directory"/>, or creates it from <paramref name="genesisAlloc"/> when the
    /// directory is missing or empty. <paramref name="genesisId"/> identifies the genesis (for example a hash over the
    /// chain configuration and the alloc); reopening with another identity is refused. The alloc is only read when the
    /// store is created.
    /// </summary>
    /// <exception cref="StateStoreOpenException">The store is damaged, was created from another genesis, or is in use.</exception>
    public static RocksDbStateStore Open(string directory, Hash256 genesisId, IEnumerable<KeyValuePair<Address, Account>> genesisAlloc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(genesisAlloc);
        var path = Path.GetFullPath(directory);

        if (File.Exists(path))
        {
            throw new StateStoreOpenException(StateStoreOpenError.NotAStore, path, "this is a file, not a state store directory");
        }

        var created = false;
        if (!System.IO.Directory.Exists(path) || !System.IO.Directory.EnumerateFileSystemEntries(path).Any())
        {
            Create(path, genesisId, genesisAlloc);
            created = true;
        }
        else if (!File.Exists(Path.Combine(path, "CURRENT")))
        {
            throw new StateStoreOpenException(
                StateStoreOpenError.NotAStore, path, "the directory holds files but no state store (no CURRENT file); refusing to use it");
        }

        return OpenChecked(path, genesisId, Check(path, genesisId), created);
    }

    /// <summary>The state root recorded for <paramref name="blockNumber"/>'s commit, if that block was committed to this store.</summary>
    public bool TryGetBlockRoot(long blockNumber, out Hash256 root)
    {
        Span<byte> key = stackalloc byte[RocksLayout.BlockRootKeySize];
        RocksLayout.BlockRootKey(blockNumber, key);
        lock (_lifetimeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return RocksLayout.TryDecodeHash(_db.Get(key), out root);
        }
    }

    /// <inheritdoc/>
    public Account GetAccount(in Address address) => _memory.GetAccount(address);

    /// <inheritdoc/>
    public Hash256 Commit(long blockNumber, IReadOnlyDictionary<Address, Account> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_lifetimeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _memory.Commit(blockNumber, changes, root => Persist(blockNumber, changes, root));
        }
    }

    /// <inheritdoc/>
    public IEnumerable<KeyValuePair<Address, Account>> Accounts() => _memory.Accounts();

    /// <summary>Flushes the memtable to table files (so the next open replays no log) and closes the database. Idempotent.</summary>
    public void Dispose()
    {
        lock (_lifetimeLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                _db.Flush(new FlushOptions().SetWaitForFlush(true));
            }
            catch (RocksDbException)
            {
                // Every commit is already in the synced write-ahead log; the next open replays it.
            }

            _db.Dispose();
            try
            {
                HeadFile.Write(Directory, _memory.LastBlockNumber, _memory.StateRoot);
            }
            catch (IOException)
            {
                // The head file only guards against lost files; an older one is still a valid lower bound.
            }

            _memory.Dispose();
        }
    }

    private void Persist(long blockNumber, IReadOnlyDictionary<Address, Account> changes, Hash256 root)
    {
        using var batch = new WriteBatch();
        Span<byte> key = stackalloc byte[RocksLayout.AccountKeySize];
        Span<byte> value = stackalloc byte[RocksLayout.AccountValueSize];
        foreach (var (address, account) in changes)
        {
            RocksLayout.AccountKey(address, key);
            if (account.IsEmpty)
            {
                batch.Delete(key);
            }
            else
            {
                RocksLayout.EncodeAccount(account, value);
                batch.Put(key, value);
            }
        }

        PutHead(batch, blockNumber, root);
        _db.Write(batch, _syncWrite);
    }

    private static void PutHead(WriteBatch batch, long blockNumber, Hash256 root)
    {
        var rootBytes = root.ToArray();
        Span<byte> blockKey = stackalloc byte[RocksLayout.BlockRootKeySize];
        RocksLayout.BlockRootKey(blockNumber, blockKey);
        batch.Put(RocksLayout.LastBlockKey, RocksLayout.EncodeInt64(blockNumber));
        batch.Put(RocksLayout.RootKey, rootBytes);
        batch.Put(blockKey, rootBytes);
    }

    /// <summary>
    /// Builds the store in a sibling directory and renames it into place, so a crash during creation leaves either no
    /// store or a complete one.
    /// </summary>
    private static void Create(string path, Hash256 genesisId, IEnumerable<KeyValuePair<Address, Account>> genesisAlloc)
    {
        using var memory = new InMemoryStateStore(genesisAlloc);
        var parent = Path.GetDirectoryName(path) ?? throw new ArgumentException("the store directory cannot be a root", nameof(path));
        System.IO.Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(path)}.creating-{Guid.NewGuid():N}");
        try
        {
            using (var db = OpenWritable(staging, create: true))
            {
                using var batch = new WriteBatch();
                Span<byte> key = stackalloc byte[RocksLayout.AccountKeySize];
                Span<byte> value = stackalloc byte[RocksLayout.AccountValueSize];
                foreach (var (address, account) in memory.Accounts())
                {
                    RocksLayout.AccountKey(address, key);
                    RocksLayout.EncodeAccount(account, value);
                    batch.Put(key, value);
                }

                batch.Put(RocksLayout.FormatKey, RocksLayout.EncodeInt64(RocksLayout.FormatVersion));
                batch.Put(RocksLayout.GenesisKey, genesisId.ToArray());
                PutHead(batch, memory.LastBlockNumber, memory.StateRoot);
                db.Write(batch, new WriteOptions().SetSync(true));
                db.Flush(new FlushOptions().SetWaitForFlush(true));
            }

            HeadFile.Write(staging, memory.LastBlockNumber, memory.StateRoot);
            if (System.IO.Directory.Exists(path))
            {
                // Only an empty directory reaches here.
                System.IO.Directory.Delete(path);
            }

            System.IO.Directory.Move(staging, path);
        }
        finally
        {
            if (System.IO.Directory.Exists(staging))
            {
                System.IO.Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static RocksDbStateStore OpenChecked(string path, Hash256 genesisId, InMemoryStateStore checkedState, bool created)
    {
        RocksDb db;
        try
        {
            db = OpenWritable(path, create: false);
        }
        catch
        {
            checkedState.Dispose();
            throw;
        }

        // The read-only check took no lock; now that this handle holds it, make sure no writer moved the head since.
        if (!RocksLayout.TryDecodeInt64(db.Get(RocksLayout.LastBlockKey), out var lastBlock)
            || !RocksLayout.TryDecodeHash(db.Get(RocksLayout.RootKey), out var root)
            || lastBlock != checkedState.LastBlockNumber || root != checkedState.StateRoot)
        {
            db.Dispose();
            checkedState.Dispose();
            throw new StateStoreOpenException(StateStoreOpenError.InUse, path, "the store changed while it was being opened; another process is writing to it");
        }

        return new RocksDbStateStore(db, checkedState, path, genesisId, created);
    }

    /// <summary>Checks an existing store through a read-only handle and returns its state.</summary>
    private static InMemoryStateStore Check(string path, Hash256 genesisId)
    {
        if (ManifestCheck.Problem(path) is { } manifestProblem)
        {
            throw Damaged(path, $"the database files fail their checks ({manifestProblem})");
        }

        RocksDb db;
        try
        {
            db = RocksDb.OpenReadOnly(Options(create: false), path, false);
        }
        catch (RocksDbException e)
        {
            throw new StateStoreOpenException(StateStoreOpenError.Damaged, path, $"the database files cannot be opened ({e.Message})", e);
        }

        using (db)
        {
            try
            {
                Native.Instance.rocksdb_verify_checksum(db.Handle);
                return CheckContents(db, path, genesisId);
            }
            catch (RocksDbException e)
            {
                throw new StateStoreOpenException(StateStoreOpenError.Damaged, path, $"the database files fail their checks ({e.Message})", e);
            }
        }
    }

    private static InMemoryStateStore CheckContents(RocksDb db, string path, Hash256 genesisId)
    {
        var format = db.Get(RocksLayout.FormatKey);
        if (format is null)
        {
            throw Damaged(path, "metadata is missing (no format version)");
        }

        if (!RocksLayout.TryDecodeInt64(format, out var version))
        {
            throw Damaged(path, "the format version is malformed");
        }

        if (version != RocksLayout.FormatVersion)
        {
            throw new StateStoreOpenException(
                StateStoreOpenError.UnsupportedFormat, path, $"layout version {version} is not supported (this build reads version {RocksLayout.FormatVersion})");
        }

        if (!RocksLayout.TryDecodeHash(db.Get(RocksLayout.GenesisKey), out var storedGenesis))
        {
            throw Damaged(path, "metadata is missing (no genesis identity)");
        }

        if (storedGenesis != genesisId)
        {
            throw new StateStoreOpenException(
                StateStoreOpenError.GenesisMismatch, path, $"it was created from genesis {storedGenesis}, not from the given genesis {genesisId}; refusing to open it");
        }

        if (!RocksLayout.TryDecodeInt64(db.Get(RocksLayout.LastBlockKey), out var lastBlock) || lastBlock < -1)
        {
            throw Damaged(path, "metadata is missing or malformed (last block number)");
        }

        if (!RocksLayout.TryDecodeHash(db.Get(RocksLayout.RootKey), out var storedRoot))
        {
            throw Damaged(path, "metadata is missing or malformed (state root)");
        }

        Span<byte> blockKey = stackalloc byte[RocksLayout.BlockRootKeySize];
        RocksLayout.BlockRootKey(lastBlock, blockKey);
        if (!RocksLayout.TryDecodeHash(db.Get(blockKey), out var blockRoot) || blockRoot != storedRoot)
        {
            throw Damaged(path, $"the root recorded for block {lastBlock} is missing or differs from the head root");
        }

        if (!HeadFile.TryRead(path, out var closedAt, out var closedRoot))
        {
            throw Damaged(path, $"the head file {HeadFile.Name} is missing or malformed");
        }

        if (lastBlock < closedAt || (lastBlock == closedAt && storedRoot != closedRoot))
        {
            throw Damaged(
                path, $"the database is at block {lastBlock} but was last closed at block {closedAt}: committed blocks are missing (truncated or replaced files)");
        }

        var accounts = new List<KeyValuePair<Address, Account>>();
        var readOptions = new ReadOptions()
            .SetVerifyChecksums(true)
            .SetFillCache(false)
            .SetIterateLowerBound(RocksLayout.AccountLowerBound)
            .SetIterateUpperBound(RocksLayout.AccountUpperBound);
        using (var iterator = db.NewIterator(readOptions: readOptions))
        {
            for (iterator.SeekToFirst(); iterator.Valid(); iterator.Next())
            {
                if (!RocksLayout.TryDecodeAccount(iterator.GetKeySpan(), iterator.GetValueSpan(), out var address, out var account))
                {
                    throw Damaged(path, $"a stored account entry is malformed (key {Convert.ToHexString(iterator.GetKeySpan())})");
                }

                accounts.Add(KeyValuePair.Create(address, account));
            }
        }

        var state = new InMemoryStateStore(accounts, lastBlock);
        if (state.StateRoot != storedRoot)
        {
            var rebuilt = state.StateRoot;
            state.Dispose();
            throw Damaged(path, $"the state root rebuilt from the stored accounts ({rebuilt}) differs from the stored root ({storedRoot})");
        }

        return state;
    }

    private static RocksDb OpenWritable(string path, bool create)
    {
        try
        {
            return RocksDb.Open(Options(create), path);
        }
        catch (RocksDbException e) when (e.Message.Contains("lock", StringComparison.OrdinalIgnoreCase))
        {
            throw new StateStoreOpenException(StateStoreOpenError.InUse, path, $"the store is in use by another process ({e.Message})", e);
        }
        catch (RocksDbException e)
        {
            throw new StateStoreOpenException(StateStoreOpenError.Damaged, path, $"the database cannot be opened for writing ({e.Message})", e);
        }
    }

    private static DbOptions Options(bool create) =>
        new DbOptions()
            .SetCreateIfMissing(create)
            .SetParanoidChecks(true)

            // A process killed mid-append can leave a torn last record; any other log damage fails the open.
            .SetWalRecoveryMode(Recovery.TolerateCorruptedTailRecords)

            // Diagnostics go to stderr at fatal level only, so opening (even read-only) writes no LOG file.
            .SetInfoLog(Native.Instance.rocksdb_logger_create_stderr_logger((int)InfoLogLevel.Fatal, IntPtr.Zero));

    private static StateStoreOpenException Damaged(string path, string message) =>
        new(StateStoreOpenError.Damaged, path, message);
}
