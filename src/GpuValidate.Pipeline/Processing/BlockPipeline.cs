using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using GpuValidate.Engine;
using GpuValidate.Ethereum.Blocks;
using GpuValidate.Pipeline.Execution;
using GpuValidate.Pipeline.Scheduling;
using GpuValidate.Pipeline.Validation;
using GpuValidate.State;

namespace GpuValidate.Pipeline.Processing;

/// <summary>
/// Block mode: ordered blocks in; per block, verdicts, receipts and the new state root out, identical to applying
/// the transactions one by one in block order. Read, decode (with the signing payloads laid out in one flat pooled
/// buffer), recover (hashes and senders on the signature engine), static checks, schedule and apply+commit run as
/// concurrent stages over bounded channels, so block k+1 is decoded while block k's senders are recovered and block
/// k-1 is applied, and a slow stage holds the others back instead of growing memory.
/// </summary>
public sealed class BlockPipeline
{
    private readonly TransactionBatchValidator _validator;
    private readonly IStateStore _state;
    private readonly BlockPipelineOptions _options;
    private readonly ParallelApplier? _parallel;
    private readonly SequentialApplier? _sequential;
    private long _transactions;

    /// <summary>A pipeline that recovers senders on <paramref name="engine"/> and applies to <paramref name="state"/>.</summary>
    public BlockPipeline(ISignatureEngine engine, IStateStore state, BlockPipelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(state);
        _options = options ?? new BlockPipelineOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(_options.ApplierThreads, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.ChannelCapacity, 1, nameof(options));
        _validator = new TransactionBatchValidator(engine, _options.Validation);
        _state = state;
        if (_options.ApplierThreads == 1)
        {
            _sequential = new SequentialApplier(_options.Executor);
        }
        else
        {
            _parallel = new ParallelApplier(_options.ApplierThreads, _options.Executor);
        }
    }

    /// <summary>Busy time per stage, accumulated over every run.</summary>
    public StageTimings Timings { get; } = new();

    /// <summary>The number of transactions validated so far.</summary>
    public long TransactionCount => Interlocked.Read(ref _transactions);

    /// <summary>
    /// Runs <paramref name="blocks"/> through the stages and yields each block's outcome in order once committed.
    /// Cancelling stops at a block boundary: every block committed is still yielded, then
    /// <see cref="OperationCanceledException"/> is thrown. An exception in any stage stops the stages before it, lets
    /// the blocks already past it be committed and yielded, and is then rethrown here, once (a
    /// <see cref="BlockFormatException"/> from the input, for example).
    /// </summary>
    public async IAsyncEnumerable<BlockOutcome> RunAsync(IEnumerable<Block> blocks, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blocks);

        // One stop per stage, not linked to the caller's token: the caller's cancellation ends the run at the next
        // block boundary in the apply stage. A stage that fails stops the stages before it (nobody reads what they
        // write any more) and passes its exception down through its output channel, so the stages after it finish
        // the blocks they hold first; every stage is stopped once the output has been drained or abandoned.
        var stops = new CancellationTokenSource[6];
        for (var i = 0; i < stops.Length; i++)
        {
            stops[i] = new CancellationTokenSource();
        }

        try
        {
            var read = Bounded<Block>();
            var decoded = Bounded<DecodingBlock>();
            var recovered = Bounded<DecodingBlock>();
            var checkedBlocks = Bounded<ValidatedBlock>();
            var scheduled = Bounded<ValidatedBlock>();
            var output = Bounded<BlockOutcome>();
            var stages = new[]
            {
                Guard(stops, 0, stop => ReadStage(blocks, read.Writer, stop)),
                Guard(stops, 1, stop => Stage(read.Reader, decoded.Writer, PipelineStage.Decode, Decode, stop)),
                Guard(stops, 2, stop => Stage(decoded.Reader, recovered.Writer, PipelineStage.Recover, Recover, stop)),
                Guard(stops, 3, stop => Stage(recovered.Reader, checkedBlocks.Writer, PipelineStage.Checks, Check, stop)),
                Guard(stops, 4, stop => Stage(checkedBlocks.Reader, scheduled.Writer, PipelineStage.Schedule, Schedule, stop)),
                Guard(stops, 5, stop => ApplyStage(scheduled.Reader, output.Writer, cancellationToken, stop)),
            };

            try
            {
                await foreach (var outcome in output.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    yield return outcome;
                }
            }
            finally
            {
                foreach (var stop in stops)
                {
                    await stop.CancelAsync().ConfigureAwait(false);
                }

                try
                {
                    await Task.WhenAll(stages).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Reported below or already through the output channel.
                }
            }

            foreach (var stage in stages)
            {
                if (stage.Exception?.InnerException is { } error and not OperationCanceledException)
                {
                    throw error;
                }
            }
        }
        finally
        {
            foreach (var stop in stops)
            {
                stop.Dispose();
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Runs stage <paramref name="index"/> on its own thread; if it fails, the stages before it are stopped.</summary>
    private static Task Guard(CancellationTokenSource[] stops, int index, Func<CancellationToken, Task> stage) => Task.Run(
        async () =>
        {
            try
            {
                await stage(stops[index].Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                for (var i = 0; i < index; i++)
                {
                    await stops[i].CancelAsync().ConfigureAwait(false);
                }

                throw;
            }
        },
        CancellationToken.None);

    private Channel<T> Bounded<T>() => Channel.CreateBounded<T>(new BoundedChannelOptions(_options.ChannelCapacity)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private async Task ReadStage(IEnumerable<Block> blocks, ChannelWriter<Block> output, CancellationToken stop)
    {
        try
        {
            using var enumerator = blocks.GetEnumerator();
            while (!stop.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                var more = enumerator.MoveNext();
                Timings.AddSince(PipelineStage.Read, start);
                if (!more)
                {
                    break;
                }

                await output.WriteAsync(enumerator.Current, stop).ConfigureAwait(false);
            }

            output.TryComplete();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            output.TryComplete();
        }
        catch (Exception e)
        {
            output.TryComplete(e);
            throw;
        }
    }

    /// <summary>
    /// A middle stage: reads each item, runs <paramref name="work"/> on it (timed as <paramref name="timed"/>) and writes
    /// the result on. Items still in the channels when the run stops hold pooled buffers that go back to the garbage
    /// collector rather than the pool, which is harmless.
    /// </summary>
    private async Task Stage<TIn, TOut>(
        ChannelReader<TIn> input, ChannelWriter<TOut> output, PipelineStage timed, Func<TIn, TOut> work, CancellationToken stop)
    {
        try
        {
            await foreach (var item in input.ReadAllAsync(stop).ConfigureAwait(false))
            {
                var start = Stopwatch.GetTimestamp();
                var result = work(item);
                Timings.AddSince(timed, start);
                await output.WriteAsync(result, stop).ConfigureAwait(false);
            }

            output.TryComplete();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            output.TryComplete();
        }
        catch (Exception e)
        {
            output.TryComplete(e);
            throw;
        }
    }

    private DecodingBlock Decode(Block block) => new(block, _validator.Decode(block.Transactions));

    private DecodingBlock Recover(DecodingBlock block)
    {
        _validator.Recover(block.Batch);
        return block;
    }

    private ValidatedBlock Check(DecodingBlock decoding)
    {
        var block = decoding.Block;
        var raw = block.Transactions;
        // The verdicts live only until the block's transactions are built: pooled, since a block's worth (about 100
        // bytes a transaction) would otherwise be a large-object allocation per block, and those drive gen2 collections.
        var verdicts = ArrayPool<TransactionVerdict>.Shared.Rent(raw.Count);
        var txs = new ApplierTransaction[raw.Count];
        try
        {
            using (decoding.Batch)
            {
                _validator.Check(decoding.Batch, verdicts);
            }

            for (var i = 0; i < txs.Length; i++)
            {
                txs[i] = ApplierTransactionFactory.From(verdicts[i], raw[i], _options.Validation.Fork);
            }
        }
        finally
        {
            ArrayPool<TransactionVerdict>.Shared.Return(verdicts, clearArray: true);
        }

        Interlocked.Add(ref _transactions, txs.Length);
        var environment = new BlockEnvironment(checked((long)block.Number), block.Coinbase, block.BaseFee, block.GasLimit);
        return new ValidatedBlock(block.Number, environment, txs);
    }

    private ValidatedBlock Schedule(ValidatedBlock block)
    {
        if (_parallel is not null)
        {
            block.Schedule = ConflictScheduler.Build(block.Environment, block.Transactions, _options.Executor is not null);
        }

        return block;
    }

    private async Task ApplyStage(
        ChannelReader<ValidatedBlock> input, ChannelWriter<BlockOutcome> output, CancellationToken boundary, CancellationToken stop)
    {
        try
        {
            await foreach (var block in input.ReadAllAsync(stop).ConfigureAwait(false))
            {
                // Cancellation is honoured here only, between blocks: a block started is committed and reported.
                if (boundary.IsCancellationRequested)
                {
                    break;
                }

                var start = Stopwatch.GetTimestamp();
                var result = _parallel is not null
                    ? _parallel.Apply(block.Schedule!, _state)
                    : _sequential!.Apply(block.Environment, block.Transactions, _state);
                Timings.AddSince(PipelineStage.Apply, start);
                start = Stopwatch.GetTimestamp();
                var root = _state.Commit(block.Environment.Number, result.Changes);
                Timings.AddSince(PipelineStage.Commit, start);
                PipelineMeter.RecordBlock(block.Transactions, result.Receipts);
                await output.WriteAsync(new BlockOutcome(block.Number, block.Transactions, result.Receipts, result.GasUsed, root), stop)
                    .ConfigureAwait(false);
            }

            output.TryComplete();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            output.TryComplete();
        }
        catch (Exception e)
        {
            output.TryComplete(e);
            throw;
        }
    }

    private sealed record DecodingBlock(Block Block, DecodedBatch Batch);

    private sealed class ValidatedBlock(ulong number, BlockEnvironment environment, ApplierTransaction[] transactions)
    {
        public ulong Number { get; } = number;

        public BlockEnvironment Environment { get; } = environment;

        public ApplierTransaction[] Transactions { get; } = transactions;

        public BlockSchedule? Schedule { get; set; }
    }
}
