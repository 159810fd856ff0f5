using GpuValidate.Ethereum.Primitives;
using GpuValidate.State.Rocks;
using GpuValidate.State.Tests.Reference;
using RocksDbSharp;
using Xunit.Abstractions;

namespace GpuValidate.State.Tests.Rocks;

public sealed class RocksDbStateStoreTests(ITestOutputHelper output)
{
    [Fact]
    public void Native_library_loads_and_round_trips_a_key()
    {
        using var temp = new TempDirectory();
        using var db = RocksDb.Open(new DbOptions().SetCreateIfMissing(true), temp.Path);
        db.Put([1, 2, 3], [4, 5]);

        Assert.Equal(new byte[] { 4, 5 }, db.Get([1, 2, 3]));
    }

    [Fact]
    public void New_store_holds_the_genesis_with_the_reference_root()
    {
        using var temp = new TempDirectory();
        var genesis = new StateWorkload(seed: 3).Genesis(200);
        using var store = RocksDbStateStore.Open(temp.Path, genesis);

        Assert.True(store.Created);
        Assert.Equal(-1, store.LastBlockNumber);
        Assert.Equal(ReferenceState.Root(genesis), store.StateRoot);
        Assert.Equal(genesis.OrderBy(kv => kv.Key).ToList(), store.Accounts().ToList());
    }

    [Fact]
    public void Random_histories_give_the_in_memory_store_roots_and_survive_reopening()
    {
        var random = TestRandom.Create(output);
        for (var round = 0; round < 4 * TestRandom.Scale; round++)
        {
            var workload = new StateWorkload(random.Next(), addressCount: random.Next(20, 600), changesPerBlock: random.Next(1, 80));
            var genesis = workload.Genesis(random.Next(0, 20));
            var blocks = random.Next(1, 25);
            var reopenAt = random.Next(blocks);
            using var temp = new TempDirectory();
            using var memory = new InMemoryStateStore(genesis);
            var store = RocksDbStateStore.Open(temp.Path, genesis);
            try
            {
                Assert.Equal(memory.StateRoot, store.StateRoot);
                long number = random.Next(0, 3);
                for (var i = 0; i < blocks; i++, number += random.Next(1, 3))
                {
                    var changes = workload.Block(number);
                    Assert.Equal(memory.Commit(number, changes), store.Commit(number, changes));
                    Assert.True(store.TryGetBlockRoot(number, out var blockRoot));
                    Assert.Equal(memory.StateRoot, blockRoot);
                    if (i == reopenAt)
                    {
                        store.Dispose();
                        store = RocksDbStateStore.Open(temp.Path, genesis);
                        Assert.False(store.Created);
                    }
                }

                Assert.Equal(memory.LastBlockNumber, store.LastBlockNumber);
                Assert.Equal(memory.StateRoot, store.StateRoot);
                Assert.Equal(memory.Accounts().ToList(), store.Accounts().ToList());
                Assert.Equal(ReferenceState.Root(memory.Accounts()), store.StateRoot);
            }
            finally
            {
                store.Dispose();
            }
        }
    }

    [Fact]
    public void Reopen_gives_the_same_accounts_root_and_block_roots()
    {
        using var temp = new TempDirectory();
        var workload = new StateWorkload(seed: 11, addressCount: 300, changesPerBlock: 40);
        var genesis = workload.Genesis(100);
        var roots = new List<Hash256>();
        List<KeyValuePair<Address, Account>> accounts;
        using (var store = RocksDbStateStore.Open(temp.Path, genesis))
        {
            for (var block = 0; block < 10; block++)
            {
                roots.Add(store.Commit(block, workload.Block(block)));
            }

            accounts = [.. store.Accounts()];
        }

        using var reopened = RocksDbStateStore.Open(temp.Path, genesis);

        Assert.Equal(9, reopened.LastBlockNumber);
        Assert.Equal(roots[^1], reopened.StateRoot);
        Assert.Equal(accounts, reopened.Accounts().ToList());
        Assert.All(accounts, kv => Assert.Equal(kv.Value, reopened.GetAccount(kv.Key)));
        for (var block = 0; block < 10; block++)
        {
            Assert.True(reopened.TryGetBlockRoot(block, out var root));
            Assert.Equal(roots[block], root);
        }

        Assert.False(reopened.TryGetBlockRoot(10, out _));
    }

    [Fact]
    public void Emptied_accounts_are_deleted_from_disk()
    {
        using var temp = new TempDirectory();
        var address = Address.Parse("0x00000000000000000000000000000000000000aa");
        using (var store = RocksDbStateStore.Open(temp.Path, [KeyValuePair.Create(address, new Account(1, 5))]))
        {
            store.Commit(0, new Dictionary<Address, Account> { [address] = default });
        }

        using var db = RocksDb.OpenReadOnly(new DbOptions(), temp.Path, false);
        using var iterator = db.NewIterator();
        var keys = new List<byte[]>();
        for (iterator.SeekToFirst(); iterator.Valid(); iterator.Next())
        {
            keys.Add(iterator.Key());
        }

        Assert.DoesNotContain(keys, key => key.Length == 21 && key[0] == 0x01);
    }

    [Fact]
    public void Reopening_with_another_genesis_is_refused_and_changes_no_file()
    {
        using var temp = new TempDirectory();
        var workload = new StateWorkload(seed: 5);
        using (var store = RocksDbStateStore.Open(temp.Path, workload.Genesis(50)))
        {
            store.Commit(0, workload.Block(0));
        }

        var before = TempDirectory.FileHashes(temp.Path);

        var refused = Assert.Throws<StateStoreOpenException>(() => RocksDbStateStore.Open(temp.Path, workload.Genesis(51)));

        Assert.Equal(StateStoreOpenError.GenesisMismatch, refused.Error);
        Assert.Contains("genesis", refused.Message);
        Assert.Equal(before, TempDirectory.FileHashes(temp.Path));
    }

    [Fact]
    public void Same_alloc_with_another_genesis_identity_is_refused()
    {
        using var temp = new TempDirectory();
        var genesis = new StateWorkload(seed: 6).Genesis(20);
        RocksDbStateStore.Open(temp.Path, new Hash256(new byte[32]), genesis).Dispose();

        var identity = new byte[32];
        identity[31] = 1;
        var refused = Assert.Throws<StateStoreOpenException>(() => RocksDbStateStore.Open(temp.Path, new Hash256(identity), genesis));

        Assert.Equal(StateStoreOpenError.GenesisMismatch, refused.Error);
    }

    [Fact]
    public void A_directory_holding_other_files_is_refused_and_left_alone()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Path);
        File.WriteAllText(Path.Combine(temp.Path, "notes.txt"), "not a database");

        var refused = Assert.Throws<StateStoreOpenException>(() => RocksDbStateStore.Open(temp.Path, []));

        Assert.Equal(StateStoreOpenError.NotAStore, refused.Error);
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_file_in_place_of_the_directory_is_refused_and_left_alone()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Path);
        var file = Path.Combine(temp.Path, "state");
        File.WriteAllText(file, "not a database");

        var refused = Assert.Throws<StateStoreOpenException>(() => RocksDbStateStore.Open(file, []));

        Assert.Equal(StateStoreOpenError.NotAStore, refused.Error);
        Assert.Equal("not a database", File.ReadAllText(file));
    }

    [Fact]
    public void A_store_open_elsewhere_is_refused_as_in_use()
    {
        using var temp = new TempDirectory();
        using var first = RocksDbStateStore.Open(temp.Path, []);

        var refused = Assert.Throws<StateStoreOpenException>(() => RocksDbStateStore.Open(temp.Path, []));

        Assert.Equal(StateStoreOpenError.InUse, refused.Error);
    }

    [Fact]
    public void Dispose_is_idempotent_and_later_commits_throw()
    {
        using var temp = new TempDirectory();
        var store = RocksDbStateStore.Open(temp.Path, []);
        store.Dispose();
        store.Dispose();

        Assert.Throws<ObjectDisposedException>(() => store.Commit(0, new Dictionary<Address, Account>()));
    }

    [Fact]
    public void Stale_block_number_commits_nothing_to_disk()
    {
        using var temp = new TempDirectory();
        var address = Address.Parse("0x00000000000000000000000000000000000000aa");
        Hash256 root;
        using (var store = RocksDbStateStore.Open(temp.Path, []))
        {
            root = store.Commit(3, new Dictionary<Address, Account> { [address] = new Account(1, 1) });
            Assert.Throws<ArgumentOutOfRangeException>(() => store.Commit(3, new Dictionary<Address, Account> { [address] = new Account(2, 2) }));
        }

        using var reopened = RocksDbStateStore.Open(temp.Path, []);
        Assert.Equal(3, reopened.LastBlockNumber);
        Assert.Equal(root, reopened.StateRoot);
        Assert.Equal(new Account(1, 1), reopened.GetAccount(address));
    }
}
