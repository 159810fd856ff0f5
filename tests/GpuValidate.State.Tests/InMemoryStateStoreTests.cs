using GpuValidate.Ethereum.Primitives;
using GpuValidate.State.Tests.Reference;
using Xunit.Abstractions;

namespace GpuValidate.State.Tests;

public sealed class InMemoryStateStoreTests(ITestOutputHelper output)
{
    [Fact]
    public void Empty_store_has_the_empty_trie_root_and_no_block()
    {
        using var store = new InMemoryStateStore();

        Assert.Equal(Hash256.TryParse("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421", out var empty) ? empty : default, store.StateRoot);
        Assert.Equal(-1, store.LastBlockNumber);
        Assert.Empty(store.Accounts());
    }

    [Fact]
    public void Genesis_alloc_is_readable_and_its_root_matches_reference()
    {
        var workload = new StateWorkload(seed: 1);
        var genesis = workload.Genesis(300);
        using var store = new InMemoryStateStore(genesis);

        Assert.Equal(ReferenceState.Root(genesis), store.StateRoot);
        foreach (var (address, account) in genesis)
        {
            Assert.Equal(account, store.GetAccount(address));
        }
    }

    [Fact]
    public void Genesis_alloc_skips_empty_accounts()
    {
        var address = Address.Parse("0x00000000000000000000000000000000000000aa");
        using var store = new InMemoryStateStore([KeyValuePair.Create(address, default(Account))]);

        Assert.Empty(store.Accounts());
        Assert.Equal(new InMemoryStateStore().StateRoot, store.StateRoot);
    }

    [Fact]
    public void Genesis_alloc_with_a_duplicate_address_is_rejected()
    {
        var address = Address.Parse("0x00000000000000000000000000000000000000aa");
        var alloc = new[] { KeyValuePair.Create(address, new Account(1, 1)), KeyValuePair.Create(address, new Account(2, 2)) };

        Assert.Throws<ArgumentException>(() => new InMemoryStateStore(alloc));
    }

    [Fact]
    public void Random_blocks_match_reference_roots_and_accounts()
    {
        var random = TestRandom.Create(output);
        var workload = new StateWorkload(random.Next(), addressCount: 400, changesPerBlock: 40);
        var genesis = workload.Genesis(100);
        var expected = genesis.ToDictionary(kv => kv.Key, kv => kv.Value);
        using var store = new InMemoryStateStore(genesis);
        for (var block = 0; block < 30 * TestRandom.Scale; block++)
        {
            var changes = workload.Block(block);
            foreach (var (address, account) in changes)
            {
                if (account.IsEmpty)
                {
                    expected.Remove(address);
                }
                else
                {
                    expected[address] = account;
                }
            }

            var root = store.Commit(block, changes);

            Assert.Equal(ReferenceState.Root(expected), root);
            Assert.Equal(root, store.StateRoot);
            Assert.Equal(block, store.LastBlockNumber);
        }

        Assert.Equal(expected.OrderBy(kv => kv.Key).ToList(), store.Accounts().ToList());
        foreach (var address in workload.Addresses)
        {
            Assert.Equal(expected.GetValueOrDefault(address), store.GetAccount(address));
        }
    }

    [Fact]
    public void Large_block_hashes_root_subtrees_in_parallel_with_the_same_root()
    {
        var random = TestRandom.Create(output);
        var workload = new StateWorkload(random.Next(), addressCount: 3000, changesPerBlock: 1500);
        using var store = new InMemoryStateStore(workload.Genesis(1000));
        var expected = workload.Genesis(1000).ToDictionary(kv => kv.Key, kv => kv.Value);
        var changes = workload.Block(0);
        foreach (var (address, account) in changes)
        {
            if (account.IsEmpty)
            {
                expected.Remove(address);
            }
            else
            {
                expected[address] = account;
            }
        }

        Assert.Equal(ReferenceState.Root(expected), store.Commit(0, changes));
    }

    [Fact]
    public void Emptied_account_is_deleted()
    {
        var address = Address.Parse("0x00000000000000000000000000000000000000aa");
        using var store = new InMemoryStateStore([KeyValuePair.Create(address, new Account(1, 5))]);

        var root = store.Commit(0, new Dictionary<Address, Account> { [address] = default });

        Assert.Empty(store.Accounts());
        Assert.Equal(new InMemoryStateStore().StateRoot, root);
    }

    [Fact]
    public void Commit_with_a_stale_block_number_applies_nothing()
    {
        var address = Address.Parse("0x00000000000000000000000000000000000000aa");
        using var store = new InMemoryStateStore();
        var root = store.Commit(5, new Dictionary<Address, Account> { [address] = new Account(1, 1) });

        Assert.Throws<ArgumentOutOfRangeException>(() => store.Commit(5, new Dictionary<Address, Account> { [address] = new Account(2, 2) }));
        Assert.Equal(new Account(1, 1), store.GetAccount(address));
        Assert.Equal(root, store.StateRoot);
        Assert.Equal(5, store.LastBlockNumber);
    }

    [Fact]
    public void Failed_persist_rolls_back_the_trie()
    {
        var random = TestRandom.Create(output);
        var workload = new StateWorkload(random.Next(), addressCount: 200, changesPerBlock: 30);
        using var store = new InMemoryStateStore(workload.Genesis(100));
        var before = store.StateRoot;

        Assert.Throws<IOException>(() => store.Commit(0, workload.Block(0), _ => throw new IOException("disk full")));
        Assert.Equal(before, store.StateRoot);
        Assert.Equal(-1, store.LastBlockNumber);

        // The next successful commit must hash from the restored trie, not the abandoned block.
        var expected = workload.Genesis(100).ToDictionary(kv => kv.Key, kv => kv.Value);
        var changes = workload.Block(1);
        foreach (var (address, account) in changes)
        {
            if (account.IsEmpty)
            {
                expected.Remove(address);
            }
            else
            {
                expected[address] = account;
            }
        }

        Assert.Equal(ReferenceState.Root(expected), store.Commit(1, changes));
    }

    [Fact]
    public async Task Concurrent_reads_during_commits_see_committed_values()
    {
        // Every committed value has nonce == balance; anything else would be a torn or invented read.
        var addresses = Enumerable.Range(1, 64).Select(i => new Address([.. new byte[19], (byte)i])).ToArray();
        using var store = new InMemoryStateStore(addresses.Select(a => KeyValuePair.Create(a, new Account(1, 1))));
        using var stop = new CancellationTokenSource();
        var torn = 0;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var address in addresses)
                {
                    var account = store.GetAccount(address);
                    if (account.Nonce != account.Balance.Low64)
                    {
                        Interlocked.Increment(ref torn);
                    }
                }
            }
        })).ToArray();

        for (var block = 0; block < 200; block++)
        {
            var nonce = (ulong)block + 2;
            store.Commit(block, addresses.ToDictionary(a => a, _ => new Account(nonce, nonce)));
        }

        stop.Cancel();
        await Task.WhenAll(readers);
        Assert.Equal(0, torn);
        Assert.All(addresses, a => Assert.Equal(new Account(201, 201), store.GetAccount(a)));
    }

    [Fact]
    public void Dispose_is_idempotent_and_stops_commits()
    {
        var store = new InMemoryStateStore();
        store.Dispose();
        store.Dispose();

        Assert.Throws<ObjectDisposedException>(() => store.Commit(0, new Dictionary<Address, Account>()));
    }
}
