using System.Numerics;
using GpuValidate.Engine;
using GpuValidate.Engine.Backends;
using GpuValidate.Ethereum.Blocks;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.Pipeline.Processing;
using GpuValidate.Pipeline.Validation;
using GpuValidate.Pipeline.Workloads;
using GpuValidate.State;
using Nethereum.Signer;
using Transaction1559 = Nethereum.Model.Transaction1559;
using TransactionFactory = Nethereum.Model.TransactionFactory;

namespace GpuValidate.Pipeline.Tests.Processing;

public sealed class BlockPipelineTests
{
    private static readonly TransferWorkloadOptions Shape = new() { Blocks = 4, TransactionsPerBlock = 150, Accounts = 12, ChainId = 5 };

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Final_balances_equal_the_transfers_as_nethereum_reads_them(int threads)
    {
        var workload = new TransferWorkload(Shape);
        var genesis = workload.Genesis();
        var blocks = workload.Blocks().ToList();
        var expected = ExpectedBalances(genesis, blocks, workload.Coinbase);
        using var state = Store(genesis);
        using var engine = SignatureEngineFactory.Create(BackendKind.Native, 2);
        var pipeline = new BlockPipeline(engine, state, Options(threads));

        var outcomes = await Collect(pipeline.RunAsync(blocks));

        Assert.Equal(blocks.Select(b => b.Number), outcomes.Select(o => o.Number));
        Assert.All(outcomes.SelectMany(o => o.Receipts), r => Assert.True(r.Valid, r.Error));
        Assert.Equal(expected.Count, state.Accounts().Count());
        foreach (var (address, balance) in expected)
        {
            Assert.Equal(balance, state.GetAccount(address).Balance.ToBigInteger());
        }

        Assert.Equal(state.StateRoot, outcomes[^1].StateRoot);
    }

    [Fact]
    public async Task Invalid_transactions_get_their_verdict_and_the_roots_match_whatever_the_thread_count()
    {
        var workload = new TransferWorkload(Shape);
        var genesis = workload.Genesis();
        var blocks = workload.Blocks().ToList();

        // Garbage, a replayed transaction (nonce too low the second time) and a wrong chain id.
        var foreign = new TransferWorkload(Shape with { ChainId = 6, Blocks = 1 }).Blocks().Single().Transactions[0];
        blocks[1] = blocks[1] with { Transactions = [.. blocks[1].Transactions, new byte[] { 0xc0 }, blocks[0].Transactions[3], foreign] };

        var roots = new List<Hash256[]>();
        List<BlockOutcome>? last = null;
        foreach (var threads in new[] { 1, 2, 4 })
        {
            using var state = Store(genesis);
            using var engine = SignatureEngineFactory.Create(BackendKind.Native, 2);
            last = await Collect(new BlockPipeline(engine, state, Options(threads)).RunAsync(blocks));
            roots.Add([.. last.Select(o => o.StateRoot)]);
        }

        Assert.All(roots, r => Assert.Equal(roots[0], r));
        var errors = last!.Single(o => o.Number == blocks[1].Number).Receipts.TakeLast(3).Select(r => r.Error).ToList();
        Assert.Equal(["malformed-rlp", "nonce-too-low", "wrong-chain-id"], errors);
    }

    [Fact]
    public async Task Validation_runs_ahead_while_an_earlier_block_waits()
    {
        var workload = new TransferWorkload(Shape with { Blocks = 6, TransactionsPerBlock = 20 });
        using var state = Store(workload.Genesis());
        using var engine = new CountingEngine(SignatureEngineFactory.Create(BackendKind.Native, 2));
        var pipeline = new BlockPipeline(engine, state, Options(2));
        var ahead = false;

        await foreach (var outcome in pipeline.RunAsync(workload.Blocks().ToList()))
        {
            if (outcome.Number == Shape.FirstBlock)
            {
                // Block 1 is out; the next blocks' senders are recovered without waiting for it to be consumed.
                var deadline = DateTime.UtcNow.AddSeconds(20);
                while (engine.RecoverBatches < 3 && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(5);
                }

                ahead = engine.RecoverBatches >= 3;
            }
        }

        Assert.True(ahead);
    }

    [Fact]
    public async Task Cancelling_stops_at_a_block_boundary_and_reports_every_committed_block()
    {
        var workload = new TransferWorkload(Shape with { Blocks = 30, TransactionsPerBlock = 20 });
        using var state = Store(workload.Genesis());
        using var engine = SignatureEngineFactory.Create(BackendKind.Native, 2);
        using var cancel = new CancellationTokenSource();
        var seen = new List<BlockOutcome>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var outcome in new BlockPipeline(engine, state, Options(2)).RunAsync(workload.Blocks(), cancel.Token))
            {
                seen.Add(outcome);
                if (seen.Count == 2)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        Assert.InRange(seen.Count, 2, 29);
        Assert.Equal((long)seen[^1].Number, state.LastBlockNumber);
        Assert.Equal(seen[^1].StateRoot, state.StateRoot);
    }

    [Fact]
    public async Task A_bad_input_line_stops_the_run_with_its_error()
    {
        var workload = new TransferWorkload(Shape with { Blocks = 3, TransactionsPerBlock = 5 });
        using var state = Store(workload.Genesis());
        using var engine = SignatureEngineFactory.Create(BackendKind.Native, 2);

        IEnumerable<Block> Input()
        {
            yield return workload.NextBlock();
            throw new BlockFormatException("blocks.jsonl", 2, "baseFee", "not a quantity");
        }

        var error = await Assert.ThrowsAsync<BlockFormatException>(() => Collect(new BlockPipeline(engine, state, Options(2)).RunAsync(Input())));
        Assert.Equal(2, error.Line);
    }

    private static BlockPipelineOptions Options(int threads) =>
        new() { ApplierThreads = threads, Validation = new ValidationOptions { ChainId = Shape.ChainId } };

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

    /// <summary>Balances from Nethereum's reading of every transfer: value moves, 2 gwei x 21,000 paid, 1 gwei x 21,000 to the coinbase.</summary>
    private static Dictionary<Address, BigInteger> ExpectedBalances(Genesis genesis, List<Block> blocks, Address coinbase)
    {
        var balances = genesis.Alloc.ToDictionary(a => a.Address, a => a.Balance.ToBigInteger());
        balances[coinbase] = 0;
        foreach (var block in blocks)
        {
            var baseFee = block.BaseFee.ToBigInteger();
            foreach (var raw in block.Transactions)
            {
                var tx = (Transaction1559)TransactionFactory.CreateTransaction(raw.ToArray());
                var sender = Address.Parse(TransactionVerificationAndRecovery.GetSenderAddress(tx));
                var to = Address.Parse(tx.ReceiverAddress);
                var price = BigInteger.Min(tx.MaxFeePerGas!.Value, baseFee + tx.MaxPriorityFeePerGas!.Value);
                balances[sender] -= tx.Amount!.Value + (price * 21_000);
                balances[to] = balances.GetValueOrDefault(to) + tx.Amount.Value;
                balances[coinbase] += (price - baseFee) * 21_000;
            }
        }

        return balances;
    }
}
