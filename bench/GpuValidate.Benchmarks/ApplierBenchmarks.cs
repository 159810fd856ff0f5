using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using GpuValidate.Engine;
using GpuValidate.Engine.Backends;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.Pipeline.Execution;
using GpuValidate.Pipeline.Processing;
using GpuValidate.Pipeline.Scheduling;
using GpuValidate.Pipeline.Validation;
using GpuValidate.Pipeline.Workloads;
using GpuValidate.State;

namespace GpuValidate.Benchmarks;

/// <summary>
/// The appliers alone on validated transfer blocks (Block-STM's p2p shape among <see cref="Accounts"/> accounts):
/// apply every block in turn (scheduling included for the parallel applier) over a plain dictionary store whose
/// commit computes no root, so that the figure is the applier's own cost. One invocation = all blocks.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class ApplierBenchmarks
{
    private const int Blocks = 20;
    private const int TransactionsPerBlock = 1000;

    private readonly List<BlockEnvironment> _environments = [];
    private readonly List<ApplierTransaction[]> _blocks = [];
    private KeyValuePair<Address, Account>[] _genesis = [];
    private IBlockApplier? _applier;

    /// <summary>Accounts the transfers are drawn among (fewer: more conflicts).</summary>
    [Params(2, 10_000)]
    public int Accounts { get; set; }

    /// <summary>
    /// The applier: sequential reference, parallel on one thread, parallel on every core by layers or by dependencies
    /// on a schedule built first, or handed whole blocks (scheduling overlapped with applying).
    /// </summary>
    [Params("sequential", "parallel-1", "layers-all", "dependencies-all", "whole-blocks-all", "schedule-only")]
    public string Applier { get; set; } = "sequential";

    [GlobalSetup]
    public void Setup()
    {
        var workload = new TransferWorkload(new TransferWorkloadOptions { Blocks = Blocks, TransactionsPerBlock = TransactionsPerBlock, Accounts = Accounts });
        var genesis = workload.Genesis();
        _genesis = [.. genesis.Alloc.Select(a => KeyValuePair.Create(a.Address, new Account(a.Nonce, a.Balance)))];
        var blocks = workload.Blocks().ToList();
        using var engine = SignatureEngineFactory.Create(BackendKind.Native);
        using var state = new InMemoryStateStore(_genesis);
        var pipeline = new BlockPipeline(engine, state, new BlockPipelineOptions { Validation = new ValidationOptions { ChainId = 1 } });
        foreach (var outcome in pipeline.RunAsync(blocks).ToBlockingEnumerable())
        {
            _blocks.Add([.. outcome.Transactions]);
        }

        _environments.AddRange(blocks.Select(b => new BlockEnvironment((long)b.Number, b.Coinbase, b.BaseFee, b.GasLimit)));

        _applier = Applier switch
        {
            "sequential" => new SequentialApplier(),
            "parallel-1" => new ParallelApplier(1),
            "layers-all" => new ParallelApplier(0) { ByLayers = true },
            _ => new ParallelApplier(0),
        };
    }

    /// <summary>Applies every block in order, committing each to a root-less dictionary store.</summary>
    [Benchmark]
    public ulong ApplyBlocks()
    {
        if (Applier == "schedule-only")
        {
            var layers = 0UL;
            for (var k = 0; k < _blocks.Count; k++)
            {
                layers += (ulong)ConflictScheduler.Build(_environments[k], _blocks[k], hasExecutor: false).LayerCount;
            }

            return layers;
        }

        var state = new DictionaryStore(_genesis);
        ulong gas = 0;
        for (var k = 0; k < _blocks.Count; k++)
        {
            // The parallel applier takes its schedule as the pipeline's schedule stage builds it (no copy of the block).
            var result = _applier is ParallelApplier parallel && Applier != "whole-blocks-all"
                ? parallel.Apply(ConflictScheduler.Build(_environments[k], _blocks[k], hasExecutor: false), state)
                : _applier!.Apply(_environments[k], _blocks[k], state);
            state.Commit(_environments[k].Number, result.Changes);
            gas += result.GasUsed;
        }

        return gas;
    }

    /// <summary>Accounts in a dictionary; commit applies the changes and computes no root.</summary>
    private sealed class DictionaryStore(IEnumerable<KeyValuePair<Address, Account>> accounts) : IStateStore
    {
        private readonly Dictionary<Address, Account> _accounts = new(accounts);

        public long LastBlockNumber { get; private set; } = -1;

        public Hash256 StateRoot => default;

        public Account GetAccount(in Address address) => _accounts.GetValueOrDefault(address);

        public Hash256 Commit(long blockNumber, IReadOnlyDictionary<Address, Account> changes)
        {
            foreach (var (address, account) in changes)
            {
                _accounts[address] = account;
            }

            LastBlockNumber = blockNumber;
            return default;
        }

        public IEnumerable<KeyValuePair<Address, Account>> Accounts() => _accounts;

        public void Dispose()
        {
        }
    }
}
