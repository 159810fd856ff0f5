using GpuValidate.Ethereum.Blocks;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.State;
using GpuValidate.State.Rocks;

namespace GpuValidate.Pipeline.Durability;

/// <summary>
/// The state store a run applies blocks to: a <see cref="RocksDbStateStore"/> in a directory (created from the
/// genesis, or reopened and resumed), or an <see cref="InMemoryStateStore"/> when no directory is given. Owns the
/// store and disposes it.
/// </summary>
public sealed class RunStateStore : IDisposable
{
    private RunStateStore(IStateStore store, string? directory, bool created)
    {
        Store = store;
        Directory = directory;
        Cursor = new ResumeCursor(store.LastBlockNumber);
        Created = created;
    }

    /// <summary>The store blocks are committed to.</summary>
    public IStateStore Store { get; }

    /// <summary>The durable store's directory, or null for an in-memory run.</summary>
    public string? Directory { get; }

    /// <summary>True when the state survives the process (a RocksDB directory).</summary>
    public bool IsDurable => Directory is not null;

    /// <summary>True when this run created the store from the genesis (always true in memory).</summary>
    public bool Created { get; }

    /// <summary>Which blocks of the file to skip (already committed) and which to apply.</summary>
    public ResumeCursor Cursor { get; }

    /// <summary>
    /// Opens the RocksDB store in <paramref name="directory"/> (creating it from the genesis when missing or empty),
    /// or an in-memory store holding the genesis when <paramref name="directory"/> is null.
    /// </summary>
    /// <exception cref="StateStoreOpenException">The directory holds a damaged store, one from another genesis, or one in use.</exception>
    public static RunStateStore Open(string? directory, in Hash256 genesisId, IEnumerable<KeyValuePair<Address, Account>> genesisAlloc)
    {
        ArgumentNullException.ThrowIfNull(genesisAlloc);
        if (directory is null)
        {
            return new RunStateStore(new InMemoryStateStore(genesisAlloc), null, created: true);
        }

        var store = RocksDbStateStore.Open(directory, genesisId, genesisAlloc);
        return new RunStateStore(store, store.Directory, store.Created);
    }

    /// <summary>Opens the store for <paramref name="genesis"/>, as <see cref="Open(string?, in Hash256, IEnumerable{KeyValuePair{Address, Account}})"/>.</summary>
    /// <exception cref="StateStoreOpenException">The directory holds a damaged store, one from another genesis, or one in use.</exception>
    public static RunStateStore Open(string? directory, Genesis genesis)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        var alloc = GenesisIdentity.Alloc(genesis).ToList();
        return Open(directory, GenesisIdentity.Compute(genesis.ChainId, alloc), alloc);
    }

    /// <summary>
    /// The blocks of <paramref name="blocks"/> that still need applying: those the store already holds are read (so the
    /// file is checked to contain them, in order) and dropped. Read lazily; the check that the file reaches the
    /// store's last block runs when the sequence ends.
    /// </summary>
    /// <exception cref="BlockFormatException">The numbering is not consecutive or does not line up with the store.</exception>
    public IEnumerable<Block> SkipCommitted(IEnumerable<Block> blocks, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        foreach (var block in blocks)
        {
            if (block.Number > long.MaxValue)
            {
                throw new BlockFormatException(sourceName, 0, "number", $"block number {block.Number} is too large");
            }

            if (!Cursor.TryNext((long)block.Number, out var decision, out var error))
            {
                throw new BlockFormatException(sourceName, 0, "number", error!);
            }

            if (decision == ResumeDecision.Apply)
            {
                yield return block;
            }
        }

        if (!Cursor.TryFinish(out var endError))
        {
            throw new BlockFormatException(sourceName, 0, null, endError!);
        }
    }

    /// <summary>One line for the operator: which store, and where the run starts.</summary>
    public string Describe()
    {
        if (!IsDurable)
        {
            return "state: in memory (not persisted)";
        }

        return Created
            ? $"state: RocksDB at {Directory}, created from the genesis"
            : Cursor.Resuming
                ? $"state: RocksDB at {Directory}, resuming after block {Store.LastBlockNumber} (state root {Store.StateRoot})"
                : $"state: RocksDB at {Directory}, at the genesis";
    }

    /// <summary>One line after a cancelled run: where the state stopped and how to go on.</summary>
    public string DescribeStop() =>
        IsDurable
            ? $"stopped at a block boundary: last committed block {Store.LastBlockNumber}, state root {Store.StateRoot}; run again with the same --db to resume"
            : $"stopped at a block boundary: last applied block {Store.LastBlockNumber}, state root {Store.StateRoot} (in memory, not kept)";

    /// <summary>Closes the store. Idempotent.</summary>
    public void Dispose() => Store.Dispose();
}
