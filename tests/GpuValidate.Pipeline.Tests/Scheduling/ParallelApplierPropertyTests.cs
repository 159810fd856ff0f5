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

    private sealed record ChainRun(List<TransactionReceipt[]> Receipts, List<Hash256> Roots, KeyValuePair<Address, Account>[] Accounts);
}
