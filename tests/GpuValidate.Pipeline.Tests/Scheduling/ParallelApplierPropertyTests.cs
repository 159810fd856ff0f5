using GpuValidate.Ethereum.Primitives;
using GpuValidate.Pipeline.Execution;
using GpuValidate.Pipeline.Scheduling;
using GpuValidate.Pipeline.Tests.Execution;
using GpuValidate.State;
using Xunit.Abstractions;

namespace GpuValidate.Pipeline.Tests.Scheduling;

/// <summary>The parallel applier against the sequential reference on random workloads.</summary>
public sealed class ParallelApplierPropertyTests(ITestOutputHelper output)
{
    public static TheoryData<int, int, int> Workloads => new()
    {
        // accounts, transactions per block, seed
        { 2, 200, 1 },
        { 3, 300, 2 },
        { 10, 400, 3 },
        { 100, 600, 4 },
        { 1_000, 800, 5 },
        { 10_000, 1_000, 6 },
        { 100_000, 1_000, 7 },
    };

    /// <summary>The same shapes up to 10,000 accounts, where building a 100,000-account genesis twice would dominate.</summary>
    public static TheoryData<int, int, int> SmallerWorkloads => new()
    {
        { 2, 200, 1 },
        { 3, 300, 2 },
        { 10, 400, 3 },
        { 100, 600, 4 },
        { 1_000, 800, 5 },
        { 10_000, 1_000, 6 },
    };

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Parallel_applier_matches_sequential_verdicts_receipts_and_roots(int accounts, int perBlock, int seed)
    {
        var chosen = TestRandom.Seed(output, seed);
        Compare(accounts, perBlock, chosen, executor: null, new ParallelApplier(4));
    }

    [Theory]
    [MemberData(nameof(SmallerWorkloads))]
    public void Parallel_applier_matches_sequential_with_every_layer_forked(int accounts, int perBlock, int seed)
    {
        var chosen = TestRandom.Seed(output, seed + 100);
        var applier = new ParallelApplier(3) { MinParallelLayer = 1, MinChunk = 1, MinAverageLayer = 0 };
        Compare(accounts, perBlock / 2, chosen, executor: null, applier);
    }

    [Theory]
    [MemberData(nameof(SmallerWorkloads))]
    public void Parallel_applier_matches_sequential_with_layer_by_layer_fork_join(int accounts, int perBlock, int seed)
    {
        // The dependency-driven run is the default wherever no executor is involved; the layer-by-layer path must
        // stay equal too (it runs blocks with executor barriers).
        var chosen = TestRandom.Seed(output, seed + 300);
        var applier = new ParallelApplier(3) { MinParallelLayer = 1, MinChunk = 1, MinAverageLayer = 0, ByLayers = true };
        Compare(accounts, perBlock / 2, chosen, executor: null, applier);
    }

    [Theory]
    [MemberData(nameof(SmallerWorkloads))]
    public void Parallel_applier_matches_sequential_on_blocks_scheduled_beforehand(int accounts, int perBlock, int seed)
    {
        // The pipeline's path: the schedule stage builds the schedule, the apply stage applies it.
        var chosen = TestRandom.Seed(output, seed + 400);
        var applier = new ParallelApplier(3) { MinParallelLayer = 1, MinChunk = 2, MinAverageLayer = 0 };
        Compare(accounts, perBlock / 2, chosen, executor: null, new ScheduledFirst(applier));
    }

    [Theory]
    [MemberData(nameof(SmallerWorkloads))]
    public void Parallel_applier_matches_sequential_with_scheduling_overlapped_in_runs_of_one(int accounts, int perBlock, int seed)
    {
        // Whole blocks: the helpers apply each transaction as soon as it is placed, so that they keep catching up with
        // the scheduling thread and wait on every dependency; no block is judged too contended to split.
        var chosen = TestRandom.Seed(output, seed + 500);
        var applier = new ParallelApplier(3) { MinParallelLayer = 1, MinChunk = 1, MinAverageLayer = 0 };
        Compare(accounts, perBlock / 2, chosen, executor: null, applier);
    }

    [Theory]
    [InlineData(2, 51)]
    [InlineData(10, 52)]
    public void Parallel_applier_matches_sequential_where_a_contended_block_falls_back_to_one_thread(int accounts, int seed)
    {
        // Every block here has too few transactions per layer to split: the helpers stop claiming once the block is
        // placed and the caller applies the rest after whatever they had done.
        var chosen = TestRandom.Seed(output, seed);
        var applier = new ParallelApplier(3) { MinParallelLayer = 1, MinChunk = 1, MinAverageLayer = 1_000 };
        Compare(accounts, 300, chosen, executor: null, applier);
    }

    [Fact]
    public async Task Appliers_running_at_once_share_the_helper_threads_and_each_matches_sequential()
    {
        // Four chains at once, whole blocks and prepared schedules, one applier instance shared: the helper threads
        // take jobs from every caller, and a caller may find them busy with another's block.
        var seed = TestRandom.Seed(output, 81);
        var applier = new ParallelApplier(4) { MinParallelLayer = 1, MinChunk = 4, MinAverageLayer = 0 };
        var runs = new (int Accounts, IBlockApplier Applier)[] { (50, applier), (5_000, applier), (50, new ScheduledFirst(applier)), (5_000, new ScheduledFirst(applier)) };
        var blocks = 3 * TestRandom.Scale;

        var candidates = await Task.WhenAll(runs.Select(r => Task.Run(() => RunChain(r.Accounts, 400, seed, r.Applier, blocks, executor: null))));

        for (var k = 0; k < runs.Length; k++)
        {
            var reference = RunChain(runs[k].Accounts, 400, seed, new SequentialApplier(), blocks, executor: null);
            Assert.Equal(reference.Roots, candidates[k].Roots);
            Assert.Equal(reference.Receipts.SelectMany(r => r), candidates[k].Receipts.SelectMany(r => r));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_state_read_that_fails_in_any_thread_fails_the_block_on_the_caller(bool scheduledFirst)
    {
        var seed = TestRandom.Seed(output, 61);
        var workload = new ApplierWorkload(seed, 1_000) { TightGasFraction = 0, ContractFraction = 0 };
        using var inner = new InMemoryStateStore(workload.Genesis());
        var (block, txs) = workload.Block(0, 600);
        var applier = new ParallelApplier(3) { MinParallelLayer = 1, MinChunk = 1, MinAverageLayer = 0 };
        IBlockApplier chosen = scheduledFirst ? new ScheduledFirst(applier) : applier;

        // The 200th distinct account read fails; whichever thread reads it, the others must be released.
        var store = new FailingStore(inner, failAt: 200);
        var apply = Task.Run(() => chosen.Apply(block, txs, store));

        Assert.Same(apply, await Task.WhenAny(apply, Task.Delay(TimeSpan.FromSeconds(60))));
        var error = await Assert.ThrowsAsync<IOException>(() => apply);
        Assert.Equal(FailingStore.Message, error.Message);
    }

    [Theory]
    [InlineData(2, 71)]
    [InlineData(100, 72)]
    [InlineData(10_000, 73)]
    public void Schedules_order_every_conflict_and_keep_layers_free_of_shared_accounts(int accounts, int seed)
    {
        var chosen = TestRandom.Seed(output, seed);
        var workload = new ApplierWorkload(chosen, accounts);
        for (var k = 0; k < 4; k++)
        {
            var (block, txs) = workload.Block(k, 500);
            var schedule = ConflictScheduler.Build(block, txs, hasExecutor: false);
            var touched = txs.Select(Touched).ToArray();
            var scheduled = Enumerable.Range(0, txs.Length).Where(i => schedule.SenderSlot[i] >= 0).ToList();

            // Every scheduled transaction sits in exactly one layer, each layer in block order.
            Assert.Equal(scheduled, schedule.Order.Order());
            for (var layer = 0; layer < schedule.LayerCount; layer++)
            {
                var members = schedule.Order[schedule.LayerStarts[layer]..schedule.LayerStarts[layer + 1]];
                Assert.Equal(members.Order(), members);
                Assert.All(members, i => Assert.Equal(layer, schedule.LayerOf[i]));

                // No account is touched twice within a layer (fee credits to the coinbase do not count: they commute).
                var accountsInLayer = members.SelectMany(i => touched[i]).ToList();
                Assert.Equal(accountsInLayer.Count, accountsInLayer.Distinct().Count());
            }

            foreach (var i in scheduled)
            {
                // The last earlier toucher of each account is a listed dependency, in an earlier layer.
                var expected = touched[i]
                    .Select(a => scheduled.Where(j => j < i && touched[j].Contains(a)).DefaultIfEmpty(-1).Max())
                    .Where(j => j >= 0)
                    .Distinct()
                    .Order();
                var listed = schedule.Dependencies[schedule.DependencyStarts[i]..schedule.DependencyStarts[i + 1]];
                Assert.Equal(expected, listed.Distinct().Order());
                Assert.All(listed, j => Assert.True(schedule.LayerOf[j] < schedule.LayerOf[i]));

                // A coinbase reader comes after every earlier transaction.
                var readsCoinbase = txs[i].Sender == block.Coinbase || txs[i].To == block.Coinbase
                    || txs[i].AccessListAddresses.ToArray().Contains(block.Coinbase);
                Assert.Equal(readsCoinbase, schedule.PreviousReader[i] != -2);
                if (readsCoinbase)
                {
                    Assert.All(scheduled.Where(j => j < i), j => Assert.True(schedule.LayerOf[j] < schedule.LayerOf[i]));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(SmallerWorkloads))]
    public void Optimistic_applier_matches_sequential_verdicts_receipts_and_roots(int accounts, int perBlock, int seed)
    {
        var chosen = TestRandom.Seed(output, seed + 200);
        var applier = new OptimisticApplier(3);
        Compare(accounts, perBlock, chosen, executor: null, applier);
        output.WriteLine($"re-executed {applier.Reexecuted}");
    }

    [Fact]
    public void Optimistic_applier_falls_back_to_sequential_with_an_executor_and_matches()
    {
        var chosen = TestRandom.Seed(output, 17);
        var executor = new ValueMovingExecutor();
        Compare(200, 300, chosen, executor, new OptimisticApplier(2, executor), contractFraction: 0.05);
    }

    [Theory]
    [InlineData(2, 11)]
    [InlineData(50, 12)]
    [InlineData(5_000, 13)]
    public void Parallel_applier_matches_sequential_with_an_executor(int accounts, int seed)
    {
        var chosen = TestRandom.Seed(output, seed);
        var executor = new ValueMovingExecutor();
        var applier = new ParallelApplier(4, executor) { MinParallelLayer = 1, MinChunk = 1, MinAverageLayer = 0 };
        Compare(accounts, 300, chosen, executor, applier, contractFraction: 0.05);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(1_000)]
    [InlineData(10_000)]
    public void State_root_is_the_same_whatever_the_thread_count_and_layer_size(int accounts)
    {
        var seed = TestRandom.Seed(output, 21 + accounts);
        var appliers = new IBlockApplier[]
        {
            new SequentialApplier(),
            new ParallelApplier(1),
            new ParallelApplier(2),
            new ParallelApplier(3) { MinParallelLayer = 1, MinChunk = 1, MinAverageLayer = 0 },
            new ParallelApplier(8) { MinParallelLayer = 2, MinChunk = 3, MinAverageLayer = 0 },
            new ParallelApplier(16),
            new OptimisticApplier(1),
            new OptimisticApplier(4),
        };
        var roots = appliers.Select(a => RunChain(accounts, 500, seed, a, blocks: 3, executor: null).Roots.Last()).ToList();

        Assert.All(roots, r => Assert.Equal(roots[0], r));
    }

    [Fact]
    public void Random_workloads_include_every_kind_of_verdict()
    {
        // Guards the generator: a workload with no rejections would make the comparisons above weak.
        var run = RunChain(100, 1_000, 31, new SequentialApplier(), blocks: 4, executor: null);
        var errors = run.Receipts.SelectMany(b => b).Select(r => r.Error).ToHashSet();

        Assert.Contains(null, errors);
        Assert.Contains("nonce-too-high", errors);
        Assert.Contains("nonce-too-low", errors);
        Assert.Contains("fee-below-base-fee", errors);
        Assert.Contains("insufficient-funds", errors);
        Assert.Contains("requires-executor", errors);
        Assert.Contains("intrinsic-gas-too-low", errors);
        Assert.Contains("invalid-signature", errors);
    }

    [Fact]
    public void Tight_block_gas_limits_reject_late_transactions_in_both_appliers()
    {
        var seed = TestRandom.Seed(output, 41);
        var workload = new ApplierWorkload(seed, 10_000) { TightGasFraction = 1.0 };
        var genesis = workload.Genesis();
        using var a = new InMemoryStateStore(genesis);
        using var b = new InMemoryStateStore(genesis);
        var (block, txs) = workload.Block(0, 600);

        var sequential = new SequentialApplier().Apply(block, txs, a);
        var parallel = new ParallelApplier(4).Apply(block, txs, b);

        Assert.Contains(sequential.Receipts, r => r.Error == "gas-limit-exceeds-block");
        Assert.Equal(sequential.Receipts, parallel.Receipts);
        Assert.Equal(a.Commit(0, sequential.Changes), b.Commit(0, parallel.Changes));
    }

    private void Compare(
        int accounts, int perBlock, int seed, ITransactionExecutor? executor, IBlockApplier parallel, double contractFraction = 0.03)
    {
        var blocks = 3 * TestRandom.Scale;
        var reference = RunChain(accounts, perBlock, seed, new SequentialApplier(executor), blocks, executor, contractFraction);
        var candidate = RunChain(accounts, perBlock, seed, parallel, blocks, executor, contractFraction);
        output.WriteLine($"valid {reference.Receipts.SelectMany(r => r).Count(r => r.Valid)} of {blocks * perBlock}");

        for (var k = 0; k < blocks; k++)
        {
            Assert.Equal(reference.Receipts[k], candidate.Receipts[k]);
            Assert.Equal(reference.Roots[k], candidate.Roots[k]);
        }

        Assert.Equal(reference.Accounts, candidate.Accounts);
    }

    private static ChainRun RunChain(
        int accounts, int perBlock, int seed, IBlockApplier applier, int blocks, ITransactionExecutor? executor, double contractFraction = 0.03)
    {
        var workload = new ApplierWorkload(seed, accounts) { ContractFraction = contractFraction };
        using var store = new InMemoryStateStore(workload.Genesis());
        var receipts = new List<TransactionReceipt[]>();
        var roots = new List<Hash256>();
        for (var k = 0; k < blocks; k++)
        {
            var (block, txs) = workload.Block(k, perBlock);
            var result = applier.Apply(block, txs, store);
            receipts.Add([.. result.Receipts]);
            roots.Add(store.Commit(k, result.Changes));
        }

        return new ChainRun(receipts, roots, [.. store.Accounts()]);
    }

    /// <summary>The accounts a transaction names (its fee credit to the coinbase aside).</summary>
    private static HashSet<Address> Touched(ApplierTransaction tx)
    {
        var touched = new HashSet<Address> { tx.Sender };
        if (tx.To is { } to)
        {
            touched.Add(to);
        }

        touched.UnionWith(tx.AccessListAddresses.ToArray());
        return touched;
    }

    /// <summary>The pipeline's way: build the whole schedule, then apply it.</summary>
    private sealed class ScheduledFirst(ParallelApplier applier) : IBlockApplier
    {
        public BlockApplyResult Apply(in BlockEnvironment block, ReadOnlyMemory<ApplierTransaction> transactions, IStateStore state) =>
            applier.Apply(ConflictScheduler.Build(block, transactions.ToArray(), hasExecutor: false), state);
    }

    /// <summary>A store whose n-th read of a new account throws.</summary>
    private sealed class FailingStore(IStateStore inner, int failAt) : IStateStore
    {
        public const string Message = "the disk went away";

        private readonly HashSet<Address> _read = [];

        public long LastBlockNumber => inner.LastBlockNumber;

        public Hash256 StateRoot => inner.StateRoot;

        public Account GetAccount(in Address address)
        {
            lock (_read)
            {
                if (_read.Add(address) && _read.Count == failAt)
                {
                    throw new IOException(Message);
                }
            }

            return inner.GetAccount(address);
        }

        public Hash256 Commit(long blockNumber, IReadOnlyDictionary<Address, Account> changes) => inner.Commit(blockNumber, changes);

        public IEnumerable<KeyValuePair<Address, Account>> Accounts() => inner.Accounts();

        public void Dispose()
        {
        }
    }

    private sealed record ChainRun(List<TransactionReceipt[]> Receipts, List<Hash256> Roots, KeyValuePair<Address, Account>[] Accounts);
}
