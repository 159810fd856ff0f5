using GpuValidate.Engine;
using GpuValidate.Engine.Backends;
using GpuValidate.Ethereum.Blocks;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.Pipeline.Processing;
using GpuValidate.Pipeline.Validation;
using GpuValidate.Pipeline.Workloads;
using GpuValidate.State;

namespace GpuValidate.Cli.Tests.Durability;

/// <summary>
/// A generated genesis and blocks file in a temp directory, with the per-block state roots of an uninterrupted
/// in-memory run through the block pipeline: the reference the durable runs are held to.
/// </summary>
internal sealed class DurabilityWorkload : IDisposable
{
    public DurabilityWorkload(TransferWorkloadOptions options)
    {
        Directory.CreateDirectory(Root);
        Options = options;
        var workload = new TransferWorkload(options);
        Genesis = workload.Genesis();
        GenesisWriter.Write(GenesisPath, Genesis);
        var blocks = workload.Blocks().ToList();
        using (var writer = BlockWriter.Create(BlocksPath))
        {
            foreach (var block in blocks)
            {
                writer.Write(block);
            }
        }

        BlockRoots = RunInMemory(Genesis, blocks);
        FirstBlock = (long)blocks[0].Number;
        LastBlock = (long)blocks[^1].Number;
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "gpuvalidate-durability-" + Guid.NewGuid().ToString("N"));

    public TransferWorkloadOptions Options { get; }

    public Genesis Genesis { get; }

    public string GenesisPath => Path.Combine(Root, "genesis.json");

    public string BlocksPath => Path.Combine(Root, "blocks.jsonl");

    /// <summary>The state root after each block, from an uninterrupted in-memory run.</summary>
    public IReadOnlyDictionary<long, Hash256> BlockRoots { get; }

    public long FirstBlock { get; }

    public long LastBlock { get; }

    public Hash256 FinalRoot => BlockRoots[LastBlock];

    public string NewDirectory(string name) => Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..8]);

    public static Dictionary<long, Hash256> RunInMemory(Genesis genesis, IEnumerable<Block> blocks)
    {
        using var state = new InMemoryStateStore(genesis.Alloc.Select(a => KeyValuePair.Create(a.Address, new Account(a.Nonce, a.Balance))));
        using var engine = SignatureEngineFactory.Create(BackendKind.Native);
        var pipeline = new BlockPipeline(engine, state, new BlockPipelineOptions
        {
            ApplierThreads = 1,
            Validation = new ValidationOptions { ChainId = genesis.ChainId },
        });
        var roots = new Dictionary<long, Hash256>();
        var run = Task.Run(async () =>
        {
            await foreach (var outcome in pipeline.RunAsync(blocks))
            {
                roots[(long)outcome.Number] = outcome.StateRoot;
            }
        });
        run.GetAwaiter().GetResult();
        return roots;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
