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
/// end on an engine (busy time per stage: read, decode, recover, checks, schedule, apply, commit), then, on the same validated blocks, times the sequential and the parallel applier, and the
/// native backend's sender recovery alone (the bound the pipeline is measured against).
/// </summary>
public static class PipelineBenchmark
{
    /// <summary>Rounds of the applier comparison.</summary>
    private const int ApplierRounds = 7;

    /// <summary>Pairs of an end-to-end run and a recovery-bound run; the fastest of each is kept.</summary>
    private const int EndToEndRuns = 3;

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

        // End to end (every stage, the chosen engine, the parallel applier), each run starting from the genesis and
        // followed at once by a run of native recovery alone: the two figures compared are measured side by side, so
        // that a machine that slows down or speeds up over the benchmark moves both. The fastest of each is kept (the
        // first also pays for JIT compilation). Only the first run's outcomes are kept, for the appliers below; the
        // later runs check each block's root against them and let the rest go, as a node that writes its receipts out
        // would, so that they do not time the promotion of everything validated so far through the GC's generations.
        BlockPipeline? pipeline = null;
        List<BlockOutcome> outcomes = new(blocks.Count);
        var endToEndTime = TimeSpan.MaxValue;
        var recoveryTime = TimeSpan.MaxValue;
        var runsAgree = true;
        Hash256 endToEndRoot = default;
        for (var run = 0; run < EndToEndRuns; run++)
        {
            using var state = Store(genesis);
            var candidate = new BlockPipeline(engine, state, new BlockPipelineOptions { ApplierThreads = applierThreads, Validation = validation });
            var count = 0;
            clock.Restart();
            await foreach (var outcome in candidate.RunAsync(blocks, cancellationToken).ConfigureAwait(false))
            {
                if (run == 0)
                {
                    outcomes.Add(outcome);
                }
                else
                {
                    runsAgree &= count < outcomes.Count && outcome.StateRoot == outcomes[count].StateRoot;
                }

                count++;
                progress?.Invoke("end to end", ((double)run + ((double)count / blocks.Count)) / EndToEndRuns);
            }

            var elapsed = clock.Elapsed;
            runsAgree &= count == outcomes.Count;
            endToEndRoot = state.StateRoot;
            if (elapsed < endToEndTime)
            {
                (endToEndTime, pipeline) = (elapsed, candidate);
            }

            var time = TimeNativeRecovery(blocks, cancellationToken);
            recoveryTime = time < recoveryTime ? time : recoveryTime;
            progress?.Invoke("recovery bound", (run + 1.0) / EndToEndRuns);
        }

        var stageTimes = Stages.ToDictionary(s => s, s => pipeline!.Timings[s]);

        // The appliers alone, on the same validated transactions, in alternating rounds with the fastest of each kept.
        var environments = blocks.Select(b => new BlockEnvironment((long)b.Number, b.Coinbase, b.BaseFee, b.GasLimit)).ToList();
        var validated = outcomes.Select(o => o.Transactions.ToArray()).ToList();
        var oneThread = new ParallelApplier(1);
        var allThreads = new ParallelApplier(applierThreads);
        AppliersTiming? sequential = null, single = null, parallel = null, overlapped = null, optimistic = null;
        long reexecuted = 0;
        for (var round = 0; round < ApplierRounds; round++)
        {
            progress?.Invoke("appliers", (double)round / ApplierRounds);
            sequential = Faster(sequential, TimeAppliers(genesis, environments, validated, new SequentialApplier(), cancellationToken));
            single = Faster(single, TimeAppliers(genesis, environments, validated, oneThread, cancellationToken));
            parallel = Faster(parallel, TimeAppliers(genesis, environments, validated, allThreads, cancellationToken));
            overlapped = Faster(overlapped, TimeAppliers(genesis, environments, validated, allThreads, cancellationToken, wholeBlocks: true));
            var occ = new OptimisticApplier(applierThreads);
            optimistic = Faster(optimistic, TimeAppliers(genesis, environments, validated, occ, cancellationToken));
            reexecuted = occ.Reexecuted;
        }

        progress?.Invoke("appliers", 1);

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
            SequentialApplyTime = sequential!.Apply,
            SingleThreadScheduleTime = single!.Schedule,
            SingleThreadApplyTime = single.Apply,
            ParallelScheduleTime = parallel!.Schedule,
            ParallelApplyTime = parallel.Apply,
            MeanLayers = parallel.MeanLayers,
            ParallelOverlappedTime = overlapped!.Apply,
            OptimisticTime = optimistic!.Apply,
            OptimisticReexecuted = reexecuted,
            RootsMatch = sequential.Root == parallel.Root && single.Root == parallel.Root && optimistic.Root == parallel.Root
                && overlapped.Root == parallel.Root
                && parallel.Root == endToEndRoot && runsAgree,
            StateRoot = endToEndRoot.ToString(),
            NativeRecoveryTime = recoveryTime,
        };
    }

    private static InMemoryStateStore Store(Genesis genesis) =>
        new(genesis.Alloc.Select(a => KeyValuePair.Create(a.Address, new Account(a.Nonce, a.Balance))));

    private static AppliersTiming Faster(AppliersTiming? best, AppliersTiming candidate) =>
        best is null || candidate.Apply + candidate.Schedule < best.Apply + best.Schedule ? candidate : best;

    /// <summary>
    /// Apply time over every block with <paramref name="applier"/> (for the parallel applier, scheduling timed
    /// apart unless <paramref name="wholeBlocks"/>, which hands it each block whole as any other applier); commits
    /// run between blocks but are not timed.
    /// </summary>
    private static AppliersTiming TimeAppliers(
        Genesis genesis,
        List<BlockEnvironment> environments,
        List<ApplierTransaction[]> blocks,
        IBlockApplier applier,
        CancellationToken cancellationToken,
        bool wholeBlocks = false)
    {
        using var state = Store(genesis);
        long apply = 0, schedule = 0, layers = 0;
        for (var k = 0; k < blocks.Count; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = Stopwatch.GetTimestamp();
            BlockApplyResult result;
            if (applier is ParallelApplier parallel && !wholeBlocks)
            {
                var plan = ConflictScheduler.Build(environments[k], blocks[k], hasExecutor: false);
                var scheduled = Stopwatch.GetTimestamp();
                result = parallel.Apply(plan, state);
                apply += Stopwatch.GetTimestamp() - scheduled;
                schedule += scheduled - start;
                layers += plan.LayerCount;
            }
            else
            {
                result = applier.Apply(environments[k], blocks[k], state);
                apply += Stopwatch.GetTimestamp() - start;
            }

            state.Commit(environments[k].Number, result.Changes);
        }

        return new AppliersTiming(Ticks(apply), Ticks(schedule), state.StateRoot, blocks.Count == 0 ? 0 : (double)layers / blocks.Count);
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

    private sealed record AppliersTiming(TimeSpan Apply, TimeSpan Schedule, Hash256 Root, double MeanLayers);
}
