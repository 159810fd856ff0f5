using GpuValidate.Ethereum.Blocks;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.Pipeline.Durability;
using GpuValidate.State;
using GpuValidate.State.Rocks;

namespace GpuValidate.Pipeline.Tests.Durability;

public sealed class RunStateStoreTests : IDisposable
{
    private static readonly Address Alice = Address.Parse("0x00000000000000000000000000000000000000a1");
    private static readonly Address Bob = Address.Parse("0x00000000000000000000000000000000000000b2");
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gpuvalidate-run-" + Guid.NewGuid().ToString("N"));

    private static IEnumerable<Block> Blocks(int first, int count) =>
        Enumerable.Range(first, count).Select(n => new Block { Number = (ulong)n });

    private static KeyValuePair<Address, Account>[] Alloc => [KeyValuePair.Create(Alice, new Account(0, 1_000_000))];

    [Fact]
    public void Without_a_directory_the_store_is_in_memory()
    {
        using var run = RunStateStore.Open(null, GenesisIdentity.Compute(1, Alloc), Alloc);

        Assert.IsType<InMemoryStateStore>(run.Store);
        Assert.False(run.IsDurable);
        Assert.False(run.Cursor.Resuming);
    }

    [Fact]
    public void With_a_directory_a_reopened_store_resumes_after_its_last_block()
    {
        var id = GenesisIdentity.Compute(1, Alloc);
        Hash256 root;
        using (var first = RunStateStore.Open(_directory, id, Alloc))
        {
            Assert.True(first.Created);
            first.Store.Commit(0, new Dictionary<Address, Account> { [Alice] = new Account(1, 900_000), [Bob] = new Account(0, 100_000) });
            root = first.Store.StateRoot;
        }

        using var second = RunStateStore.Open(_directory, id, Alloc);

        Assert.IsType<RocksDbStateStore>(second.Store);
        Assert.False(second.Created);
        Assert.True(second.Cursor.Resuming);
        Assert.Equal(0, second.Cursor.LastCommitted);
        Assert.Equal(root, second.Store.StateRoot);
        Assert.Contains("resuming after block 0", second.Describe());
    }

    [Fact]
    public void Another_chain_id_is_another_genesis()
    {
        using (RunStateStore.Open(_directory, GenesisIdentity.Compute(1, Alloc), Alloc))
        {
        }

        var refused = Assert.Throws<StateStoreOpenException>(() => RunStateStore.Open(_directory, GenesisIdentity.Compute(2, Alloc), Alloc));
        Assert.Equal(StateStoreOpenError.GenesisMismatch, refused.Error);
    }

    [Fact]
    public void Genesis_identity_depends_on_chain_id_and_alloc_only()
    {
        var other = new[] { KeyValuePair.Create(Alice, new Account(0, 1_000_001)) };

        Assert.Equal(GenesisIdentity.Compute(1, Alloc), GenesisIdentity.Compute(1, Alloc.Reverse()));
        Assert.NotEqual(GenesisIdentity.Compute(1, Alloc), GenesisIdentity.Compute(2, Alloc));
        Assert.NotEqual(GenesisIdentity.Compute(1, Alloc), GenesisIdentity.Compute(1, other));
    }

    [Fact]
    public void A_genesis_file_opens_the_store_its_chain_id_and_alloc_identify()
    {
        var genesis = new Genesis { ChainId = 7, Alloc = [new GenesisAccount(Alice, 1_000_000, 0)] };
        using (var first = RunStateStore.Open(_directory, genesis))
        {
            Assert.Equal(new Account(0, 1_000_000), first.Store.GetAccount(Alice));
        }

        using var second = RunStateStore.Open(_directory, GenesisIdentity.Compute(7, Alloc), Alloc);
        Assert.False(second.Created);
    }

    [Fact]
    public void Skip_committed_drops_the_blocks_the_store_holds()
    {
        var id = GenesisIdentity.Compute(1, Alloc);
        using (var first = RunStateStore.Open(_directory, id, Alloc))
        {
            first.Store.Commit(0, new Dictionary<Address, Account> { [Bob] = new Account(0, 1) });
            first.Store.Commit(1, new Dictionary<Address, Account> { [Bob] = new Account(0, 2) });
        }

        using var second = RunStateStore.Open(_directory, id, Alloc);
        var applied = second.SkipCommitted(Blocks(0, 5), "blocks").Select(b => b.Number).ToList();

        Assert.Equal([2UL, 3UL, 4UL], applied);
        Assert.Equal(2, second.Cursor.Skipped);
    }

    [Fact]
    public void Skip_committed_refuses_a_file_shorter_than_the_store()
    {
        var id = GenesisIdentity.Compute(1, Alloc);
        using (var first = RunStateStore.Open(_directory, id, Alloc))
        {
            first.Store.Commit(0, new Dictionary<Address, Account> { [Bob] = new Account(0, 1) });
            first.Store.Commit(1, new Dictionary<Address, Account> { [Bob] = new Account(0, 2) });
        }

        using var second = RunStateStore.Open(_directory, id, Alloc);
        var refused = Assert.Throws<BlockFormatException>(() => second.SkipCommitted(Blocks(0, 1), "blocks.jsonl").ToList());

        Assert.Contains("blocks.jsonl", refused.Message);
        Assert.Contains("store is at block 1", refused.Message);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
