using System.Diagnostics;
using GpuValidate.Engine;
using GpuValidate.Engine.Backends;
using GpuValidate.Ethereum.Blocks;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.Pipeline.Execution;
using GpuValidate.Pipeline.Processing;
using GpuValidate.Pipeline.Scheduling;
using GpuValidate.Pipeline.Validation;
using GpuValidate.Pipeline.Workloads;
using GpuValidate.State;

namespace GpuValidate.Pipeline.Benchmarking;

/// <summary>
/// The pipeline benchmark behind <c>gpuvalidate bench</c>: generates a transfer workload in memory, validates it end to
/// end on an engine, then, on the same validated blocks, times the sequential and the parallel applier, and the
/// native backend's sender recovery alone (the bound the pipeline is measured against).
/// </summary>
public static class PipelineBenchmark
{
    /// <summary>Rounds of the applier comparison.</summary>
    private const int ApplierRounds = 7;

    /// <summary>The stages reported, in order.</summary>
    public static IReadOnlyList<PipelineStage> Stages { get; } = Enum.GetValues<PipelineStage>();

    /// <summary>
    /// Runs the benchmark. <paramref name="progress"/> receives a phase name and the fraction of it done.
    /// </summary>
    public static async Task<PipelineBenchmarkResult> RunAsync(
        TransferWorkloadOptions workloadOptions,
        ISignatureEngine engine,
        int threads,
        Action<string, double>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workloadOptions);
        ArgumentNullException.ThrowIfNull(engine);
        var applierThreads = threads == 0 ? Environment.ProcessorCount : threads;

        var clock = Stopwatch.StartNew();
        var workload = new TransferWorkload(workloadOptions);
        var genesis = workload.Genesis();
        var blocks = new List<Block>(workloadOptions.Blocks);
        foreach (var block in workload.Blocks())
        {
            cancellationToken.ThrowIfCancellationRequested();
            blocks.Add(block);
            progress?.Invoke("generate", (double)blocks.Count / workloadOptions.Blocks);
        }

        var generateTime = clock.Elapsed;
        var validation = new ValidationOptions { ChainId = workloadOptions.ChainId };

        // End to end: every stage, the chosen engine, the parallel applier (sequential when one thread).
        using var endToEndState = Store(genesis);
        var pipeline = new BlockPipeline(engine, endToEndState, new BlockPipelineOptions { ApplierThreads = applierThreads, Validation = validation });
        var outcomes = new List<BlockOutcome>(blocks.Count);
        clock.Restart();
        await foreach (var outcome in pipeline.RunAsync(blocks, cancellationToken).ConfigureAwait(false))
        {
            outcomes.Add(outcome);
            progress?.Invoke("validate", (double)outcomes.Count / blocks.Count);
        }

        var endToEndTime = clock.Elapsed;
        var stageTimes = Stages.ToDictionary(s => s, s => pipeline.Timings[s]);

        // The appliers alone, on the same validated transactions.
        var environments = blocks.Select(b => new BlockEnvironment((long)b.Number, b.Coinbase, b.BaseFee, b.GasLimit)).ToList();
        var validated = outcomes.Select(o => o.Transactions.ToArray()).ToList();
        // Alternating rounds, the fastest of each kept: the first round also pays for JIT compilation and cold caches.
        var sequential = TimeAppliers(genesis, environments, validated, threads: 1, cancellationToken);
        var parallel = TimeAppliers(genesis, environments, validated, applierThreads, cancellationToken);
        for (var round = 1; round < ApplierRounds; round++)
        {
            progress?.Invoke("appliers", (double)round / ApplierRounds);
            var s = TimeAppliers(genesis, environments, validated, threads: 1, cancellationToken);
            var p = TimeAppliers(genesis, environments, validated, applierThreads, cancellationToken);
            sequential = s.Apply < sequential.Apply ? s : sequential;
            parallel = p.Apply + p.Schedule < parallel.Apply + parallel.Schedule ? p : parallel;
        }

        progress?.Invoke("appliers", 1);
        var (sequentialApply, _, sequentialRoot, _) = sequential;
        var (parallelApply, parallelSchedule, parallelRoot, layers) = parallel;

        var recoveryTime = TimeNativeRecovery(blocks, cancellationToken);
        progress?.Invoke("recovery bound", 1);

        return new PipelineBenchmarkResult
        {
            Blocks = blocks.Count,
            Transactions = outcomes.Sum(o => (long)o.Receipts.Count),
            Valid = outcomes.Sum(o => o.Receipts.LongCount(r => r.Valid)),
            Accounts = workloadOptions.Accounts,
            Threads = applierThreads,
            GenerateTime = generateTime,
            EndToEndTime = endToEndTime,
            StageTimes = stageTimes,
            SequentialApplyTime = sequentialApply,
            ParallelScheduleTime = parallelSchedule,
            ParallelApplyTime = parallelApply,
            MeanLayers = layers,
            RootsMatch = sequentialRoot == parallelRoot && parallelRoot == endToEndState.StateRoot,
            StateRoot = endToEndState.StateRoot.ToString(),
            NativeRecoveryTime = recoveryTime,
        };
    }

    private static InMemoryStateStore Store(Genesis genesis) =>
        new(genesis.Alloc.Select(a => KeyValuePair.Create(a.Address, new Account(a.Nonce, a.Balance))));

    /// <summary>Apply (and schedule) time over every block; commits run between blocks but are not timed.</summary>
    private static (TimeSpan Apply, TimeSpan Schedule, Hash256 Root, double MeanLayers) TimeAppliers(
        Genesis genesis, List<BlockEnvironment> environments, List<ApplierTransaction[]> blocks, int threads, CancellationToken cancellationToken)
    {
        using var state = Store(genesis);
        var sequential = new SequentialApplier();
        var parallel = new ParallelApplier(threads);
        long apply = 0, schedule = 0, layers = 0;
        for (var k = 0; k < blocks.Count; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = Stopwatch.GetTimestamp();
            BlockApplyResult result;
            if (threads == 1)
            {
                result = sequential.Apply(environments[k], blocks[k], state);
                apply += Stopwatch.GetTimestamp() - start;
            }
            else
            {
                var plan = ConflictScheduler.Build(environments[k], blocks[k], hasExecutor: false);
                var scheduled = Stopwatch.GetTimestamp();
                result = parallel.Apply(plan, state);
                apply += Stopwatch.GetTimestamp() - scheduled;
                schedule += scheduled - start;
                layers += plan.LayerCount;
            }

            state.Commit(environments[k].Number, result.Changes);
        }

        return (Ticks(apply), Ticks(schedule), state.StateRoot, blocks.Count == 0 ? 0 : (double)layers / blocks.Count);
    }

    /// <summary>Native libsecp256k1 on every core recovering every sender, one batch per block, payloads laid out beforehand.</summary>
    private static TimeSpan TimeNativeRecovery(List<Block> blocks, CancellationToken cancellationToken)
    {
        using var native = SignatureEngineFactory.Create(BackendKind.Native);
        long ticks = 0;
        foreach (var block in blocks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = block.Transactions.Count;
            var offsets = new int[n];
            var lengths = new int[n];
            var signatures = new byte[65 * n];
            var decoded = new Ethereum.Transactions.Transaction[n];
            var total = 0;
            for (var i = 0; i < n; i++)
            {
                if (!Ethereum.Transactions.TransactionDecoder.TryDecode(block.Transactions[i].Span, out var tx, out _))
                {
                    throw new InvalidOperationException("the generated workload holds a transaction that does not decode");
                }

                decoded[i] = tx;
                offsets[i] = total;
                lengths[i] = tx.SigningPayloadLength;
                total += lengths[i];
                tx.WriteSignature65(signatures.AsSpan(65 * i, 65));
            }

            var payloads = new byte[total];
            for (var i = 0; i < n; i++)
            {
                decoded[i].WriteSigningPayload(payloads.AsSpan(offsets[i], lengths[i]));
            }

            var hashes = new byte[32 * n];
            var addresses = new byte[20 * n];
            var results = new SignatureError[n];
            var start = Stopwatch.GetTimestamp();
            native.RecoverSenders(payloads, offsets, lengths, signatures, hashes, addresses, results);
            ticks += Stopwatch.GetTimestamp() - start;
        }

        return Ticks(ticks);
    }

    private static TimeSpan Ticks(long ticks) => TimeSpan.FromSeconds((double)ticks / Stopwatch.Frequency);
}
