using GpuValidate.Engine;
using GpuValidate.Engine.Backends;
using GpuValidate.Ethereum.Blocks;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.Pipeline.Execution;
using GpuValidate.Pipeline.Processing;
using GpuValidate.Pipeline.Validation;
using GpuValidate.Pipeline.Workloads;
using GpuValidate.State;
using Xunit.Abstractions;

namespace GpuValidate.Pipeline.Tests.Processing;

/// <summary>
/// The staged pipeline (decode, recover, checks, schedule, apply over channels) against the sequential reference:
/// <see cref="TransactionBatchValidator.Validate(IReadOnlyList{ReadOnlyMemory{byte}})"/> then
/// <see cref="SequentialApplier"/> and a commit, one block at a time; and how the stages fail.
/// </summary>
public sealed class StagedPipelineTests(ITestOutputHelper output)
{
    private const ulong ChainId = 7;

    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 1)]
    [InlineData(2, 3)]
    public async Task Outcomes_equal_the_batch_validator_and_sequential_applier_block_by_block(int threads, int capacity)
    {
        var random = new Random(TestRandom.Seed(output, 20261125 + threads + capacity));
        var shape = new TransferWorkloadOptions
        {
            Blocks = 6 * TestRandom.Scale,
            TransactionsPerBlock = 40,
            Accounts = 10,
            ChainId = ChainId,
            Seed = random.Next(),
        };
        var workload = new TransferWorkload(shape);
        var genesis = workload.Genesis();
        var blocks = MixInvalid(workload.Blocks().ToList(), random);
        using var engine = SignatureEngineFactory.Create(BackendKind.Native, 2);
        var validation = new ValidationOptions { ChainId = ChainId };

        var expected = Reference(genesis, blocks, engine, validation);
        using var state = Store(genesis);
        var pipeline = new BlockPipeline(engine, state, new BlockPipelineOptions { ApplierThreads = threads, ChannelCapacity = capacity, Validation = validation });
        var outcomes = await Collect(pipeline.RunAsync(blocks)).WaitAsync(Hang);

        Assert.Equal(blocks.Count, outcomes.Count);
        var invalid = 0;
        for (var k = 0; k < blocks.Count; k++)
        {
            var (transactions, result, root) = expected[k];
            var outcome = outcomes[k];
            Assert.Equal(blocks[k].Number, outcome.Number);
            Assert.Equal(transactions.Select(Key), outcome.Transactions.Select(Key));
            Assert.Equal(result.Receipts, outcome.Receipts);
            Assert.Equal(result.GasUsed, outcome.GasUsed);
            Assert.Equal(root, outcome.StateRoot);
            invalid += result.Receipts.Count(r => !r.Valid);
        }

        // The mix holds every kind of failure: decoding, stateless checks, signature, and state.
        var errors = expected.SelectMany(e => e.Result.Receipts).Where(r => !r.Valid).Select(r => r.Error).ToHashSet();
        Assert.Contains("malformed-rlp", errors);
        Assert.Contains("wrong-chain-id", errors);
        Assert.Contains("nonce-too-low", errors);
        Assert.True(invalid >= 4 * blocks.Count - 4, $"{invalid} invalid transactions");
        Assert.Equal(blocks.Sum(b => b.Transactions.Count), pipeline.TransactionCount);
        Assert.Equal(state.StateRoot, expected[^1].Root);
        Assert.All(
            new[] { PipelineStage.Decode, PipelineStage.Recover, PipelineStage.Checks, PipelineStage.Apply, PipelineStage.Commit },
            stage => Assert.True(pipeline.Timings[stage] > TimeSpan.Zero, stage.ToString()));
    }

    [Fact]
    public async Task A_failing_engine_surfaces_its_exception_once_after_the_blocks_before_it()
    {
        var workload = new TransferWorkload(new TransferWorkloadOptions { Blocks = 8, TransactionsPerBlock = 10, Accounts = 6, ChainId = ChainId });
        using var state = Store(workload.Genesis());
        using var engine = new CountingEngine(SignatureEngineFactory.Create(BackendKind.Native, 2)) { FailAtBatch = 3 };
        var seen = new List<ulong>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var outcome in new BlockPipeline(engine, state, Options(2)).RunAsync(workload.Blocks()))
            {
                seen.Add(outcome.Number);
            }
        }).WaitAsync(Hang);

        Assert.Equal("the engine failed on purpose", error.Message);
        Assert.Equal([1UL, 2, 3], seen);
        Assert.Equal(3, state.LastBlockNumber);
    }

    [Fact]
    public async Task A_failure_while_decoding_surfaces_once()
    {
        var workload = new TransferWorkload(new TransferWorkloadOptions { Blocks = 3, TransactionsPerBlock = 5, Accounts = 6, ChainId = ChainId });
        var blocks = workload.Blocks().ToList();
        blocks[1] = blocks[1] with { Transactions = new FailingList(blocks[1].Transactions) };
        using var state = Store(workload.Genesis());
        using var engine = SignatureEngineFactory.Create(BackendKind.Native, 2);

        var error = await Assert.ThrowsAsync<IOException>(() => Collect(new BlockPipeline(engine, state, Options(2)).RunAsync(blocks))).WaitAsync(Hang);

        Assert.Equal(FailingList.Message, error.Message);
        Assert.Equal(1, state.LastBlockNumber);
    }

    [Fact]
    public async Task A_failure_in_the_checks_stage_surfaces_once()
    {
        var workload = new TransferWorkload(new TransferWorkloadOptions { Blocks = 3, TransactionsPerBlock = 5, Accounts = 6, ChainId = ChainId });
        var blocks = workload.Blocks().ToList();

        // A block number beyond the state's range fails when the checks stage builds the block environment.
        blocks[2] = blocks[2] with { Number = ulong.MaxValue };
        using var state = Store(workload.Genesis());
        using var engine = SignatureEngineFactory.Create(BackendKind.Native, 2);
        var seen = new List<ulong>();

        await Assert.ThrowsAsync<OverflowException>(async () =>
        {
            await foreach (var outcome in new BlockPipeline(engine, state, Options(1)).RunAsync(blocks))
            {
                seen.Add(outcome.Number);
            }
        }).WaitAsync(Hang);

        Assert.Equal([1UL, 2], seen);
    }

    [Fact]
    public async Task A_failing_commit_surfaces_once_and_later_blocks_are_not_applied()
    {
        var workload = new TransferWorkload(new TransferWorkloadOptions { Blocks = 6, TransactionsPerBlock = 10, Accounts = 6, ChainId = ChainId });
        using var inner = Store(workload.Genesis());
        using var state = new FailingStore(inner, failAtBlock: 4);
        using var engine = SignatureEngineFactory.Create(BackendKind.Native, 2);
        var seen = new List<ulong>();

        var error = await Assert.ThrowsAsync<IOException>(async () =>
        {
            await foreach (var outcome in new BlockPipeline(engine, state, Options(3)).RunAsync(workload.Blocks()))
            {
                seen.Add(outcome.Number);
            }
        }).WaitAsync(Hang);

        Assert.Equal(FailingStore.Message, error.Message);
        Assert.Equal([1UL, 2, 3], seen);
        Assert.Equal(3, inner.LastBlockNumber);
    }

    [Fact]
    public async Task Cancelling_while_recovery_is_slow_stops_at_a_block_boundary()
    {
        var workload = new TransferWorkload(new TransferWorkloadOptions { Blocks = 12, TransactionsPerBlock = 10, Accounts = 6, ChainId = ChainId });
        using var state = Store(workload.Genesis());
        using var engine = new CountingEngine(SignatureEngineFactory.Create(BackendKind.Native, 2)) { Delay = TimeSpan.FromMilliseconds(20) };
        using var cancel = new CancellationTokenSource();
        var seen = new List<BlockOutcome>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var outcome in new BlockPipeline(engine, state, Options(2)).RunAsync(workload.Blocks(), cancel.Token))
            {
                seen.Add(outcome);
                if (seen.Count == 1)
                {
                    await cancel.CancelAsync();
                }
            }
        }).WaitAsync(Hang);

        Assert.InRange(seen.Count, 1, 11);
        Assert.Equal(Enumerable.Range(1, seen.Count).Select(n => (ulong)n), seen.Select(o => o.Number));
        Assert.Equal((long)seen[^1].Number, state.LastBlockNumber);
        Assert.Equal(seen[^1].StateRoot, state.StateRoot);
    }

    /// <summary>Each block gets invalid transactions at random places: garbage, truncated, foreign chain, replayed, a bit flipped in the signature.</summary>
    private static List<Block> MixInvalid(List<Block> blocks, Random random)
    {
        var foreign = new TransferWorkload(new TransferWorkloadOptions { Blocks = 1, TransactionsPerBlock = 4, Accounts = 10, ChainId = ChainId + 1 })
            .Blocks().Single().Transactions;
        var mixed = new List<Block>(blocks.Count);
        for (var k = 0; k < blocks.Count; k++)
        {
            var txs = blocks[k].Transactions.ToList();
            var garbage = new byte[random.Next(1, 40)];
            random.NextBytes(garbage);
            garbage[0] = 0xf8; // a long list header whose length the rest cannot hold
            var truncated = txs[random.Next(txs.Count)].ToArray()[..^5];
            var flipped = txs[random.Next(txs.Count)].ToArray();
            flipped[^1] ^= 0x01;
            var extra = new List<ReadOnlyMemory<byte>> { garbage, truncated, foreign[random.Next(foreign.Count)], flipped };
            if (k > 0)
            {
                extra.Add(blocks[k - 1].Transactions[random.Next(blocks[k - 1].Transactions.Count)]);
            }

            foreach (var tx in extra)
            {
                txs.Insert(random.Next(txs.Count + 1), tx);
            }

            mixed.Add(blocks[k] with { Transactions = txs });
        }

        // One block of nothing but undecodable bytes: nothing to recover.
        mixed[^1] = mixed[^1] with { Transactions = [new byte[] { 0xc0 }, new byte[] { 0x02, 0xff }] };
        return mixed;
    }

    private static List<(ApplierTransaction[] Transactions, BlockApplyResult Result, Hash256 Root)> Reference(
        Genesis genesis, List<Block> blocks, ISignatureEngine engine, ValidationOptions validation)
    {
        var validator = new TransactionBatchValidator(engine, validation);
        var applier = new SequentialApplier();
        using var state = Store(genesis);
        var expected = new List<(ApplierTransaction[], BlockApplyResult, Hash256)>();
        foreach (var block in blocks)
        {
            var verdicts = validator.Validate(block.Transactions);
            var txs = verdicts.Select((v, i) => ApplierTransactionFactory.From(v, block.Transactions[i], validation.Fork)).ToArray();
            var environment = new BlockEnvironment((long)block.Number, block.Coinbase, block.BaseFee, block.GasLimit);
            var result = applier.Apply(environment, txs, state);
            expected.Add((txs, result, state.Commit(environment.Number, result.Changes)));
        }

        return expected;
    }

    private static (Hash256, Address, Address?, ulong, UInt256, string?) Key(ApplierTransaction tx) =>
        (tx.Hash, tx.Sender, tx.To, tx.Nonce, tx.Value, tx.StatelessError);

    private static BlockPipelineOptions Options(int threads) =>
        new() { ApplierThreads = threads, ChannelCapacity = 1, Validation = new ValidationOptions { ChainId = ChainId } };

    private static InMemoryStateStore Store(Genesis genesis) =>
        new(genesis.Alloc.Select(a => KeyValuePair.Create(a.Address, new Account(a.Nonce, a.Balance))));

    private static async Task<List<BlockOutcome>> Collect(IAsyncEnumerable<BlockOutcome> outcomes)
    {
        var list = new List<BlockOutcome>();
        await foreach (var outcome in outcomes)
        {
            list.Add(outcome);
        }

        return list;
    }

    /// <summary>A block's transactions whose reading fails, as a broken input source would.</summary>
    private sealed class FailingList(IReadOnlyList<ReadOnlyMemory<byte>> inner) : IReadOnlyList<ReadOnlyMemory<byte>>
    {
        public const string Message = "the transactions could not be read";

        public int Count => inner.Count;

        public ReadOnlyMemory<byte> this[int index] => throw new IOException(Message);

        public IEnumerator<ReadOnlyMemory<byte>> GetEnumerator() => throw new IOException(Message);

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>A store whose commit of one block fails, as a full disk would.</summary>
    private sealed class FailingStore(IStateStore inner, long failAtBlock) : IStateStore
    {
        public const string Message = "the disk is full";

        public long LastBlockNumber => inner.LastBlockNumber;

        public Hash256 StateRoot => inner.StateRoot;

        public Account GetAccount(in Address address) => inner.GetAccount(address);

        public Hash256 Commit(long blockNumber, IReadOnlyDictionary<Address, Account> changes) =>
            blockNumber == failAtBlock ? throw new IOException(Message) : inner.Commit(blockNumber, changes);

        public IEnumerable<KeyValuePair<Address, Account>> Accounts() => inner.Accounts();

        public void Dispose()
        {
        }
    }
}
