using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.Pipeline.Execution;
using GpuValidate.State;

namespace GpuValidate.Pipeline.Scheduling;

/// <summary>
/// Applies a block's transactions on several threads in an order that respects their conflicts
/// (<see cref="ConflictScheduler"/>), with the receipts and changes of <see cref="SequentialApplier"/>.
/// </summary>
/// <remarks>
/// Accounts live in an array indexed by schedule slot, so that a transaction reads and writes its own accounts with no
/// lock: a transaction runs only after every earlier transaction that touched one of its accounts, and the flag that
/// says so is written after, and read before, the accounts (release/acquire). Fee credits to the coinbase are written
/// per transaction and summed where a transaction reads the coinbase and at the end. A block whose scheduled gas
/// limits exceed the block gas limit makes each verdict depend on the gas all earlier transactions used; such a
/// block is applied by the sequential rules. A block with a transaction for the executor, which may touch any
/// account, runs layer by layer with a fork-join at each layer.
/// </remarks>
public sealed class ParallelApplier : IBlockApplier
{
    private readonly ITransactionExecutor? _executor;
    private readonly ParallelOptions _options;

    /// <summary>An applier over <paramref name="threads"/> threads (all cores when 0).</summary>
    public ParallelApplier(int threads = 0, ITransactionExecutor? executor = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        Threads = threads == 0 ? Environment.ProcessorCount : threads;
        _executor = executor;
        _options = new ParallelOptions { MaxDegreeOfParallelism = Threads };
    }

    /// <summary>The number of threads a layer is spread over.</summary>
    public int Threads { get; }

    /// <summary>Below this many transactions a layer runs on the calling thread: a fork-join costs more.</summary>
    internal int MinParallelLayer { get; init; } = 64;

    /// <summary>The least work handed to one thread.</summary>
    internal int MinChunk { get; init; } = 32;

    /// <summary>When the average layer is smaller than this, the block runs in block order on one thread.</summary>
    internal int MinAverageLayer { get; init; } = 16;

    /// <inheritdoc/>
    /// <remarks>
    /// Where the block can be split (more than one thread, no executor, gas limits within the block's), the other
    /// threads start applying while this one is still scheduling; see <see cref="ClaimedRun"/>.
    /// </remarks>
    public BlockApplyResult Apply(in BlockEnvironment block, ReadOnlyMemory<ApplierTransaction> transactions, IStateStore state)
    {
        ArgumentNullException.ThrowIfNull(state);
        // The schedule reads the caller's array for the length of this call; a block's array is large enough to be
        // allocated on the large-object heap, so copying it for every block would cost a gen2 collection now and then.
        var array = MemoryMarshal.TryGetArray(transactions, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : transactions.ToArray();
        var overlap = Threads > 1 && !ByLayers && array.Length >= MinParallelLayer;
        if (overlap)
        {
            ApplierHelpers.Wake(Threads - 1);
        }

        var builder = new ScheduleBuilder(block, array, _executor is not null);
        var schedule = builder.Schedule;
        if (!overlap || schedule.HasBarriers || !schedule.GasIndependent)
        {
            return Apply(builder.Build(), state);
        }

        var run = new Run(schedule, state, _executor);
        new ClaimedRun(run, order: null, ChunkFor(schedule.Transactions.Length)).Apply(Threads, builder, MinAverageLayer);
        return run.Finish();
    }

    /// <summary>Applies a block already scheduled (scheduling can then overlap the previous block's application).</summary>
    public BlockApplyResult Apply(BlockSchedule schedule, IStateStore state)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(state);
        if (!schedule.GasIndependent)
        {
            return new SequentialApplier(_executor).Apply(schedule.Block, schedule.Transactions, state);
        }

        var run = new Run(schedule, state, _executor);
        var parallel = Threads > 1 && schedule.AverageLayerAtLeast(MinAverageLayer);
        if (!parallel)
        {
            foreach (var i in BlockOrder(schedule))
            {
                run.Execute(i);
            }
        }
        else if (!schedule.HasBarriers && !ByLayers)
        {
            new ClaimedRun(run, schedule.Order, ChunkFor(schedule.ScheduledCount)).Apply(Threads, builder: null, MinAverageLayer);
        }
        else
        {
            for (var layer = 0; layer < schedule.LayerCount; layer++)
            {
                RunLayer(run, schedule.LayerStarts[layer], schedule.LayerSize(layer));
            }
        }

        return run.Finish();
    }

    /// <summary>Forces the layer-by-layer fork-join even where the dependency-driven run applies (for comparison).</summary>
    internal bool ByLayers { get; init; }

    private int ChunkFor(int transactions) => Math.Clamp(transactions / (Threads * 16), 1, MinChunk);

    private static IEnumerable<int> BlockOrder(BlockSchedule schedule)
    {
        for (var i = 0; i < schedule.Transactions.Length; i++)
        {
            if (schedule.SenderSlot[i] >= 0)
            {
                yield return i;
            }
        }
    }

    private void RunLayer(Run run, int start, int count)
    {
        var order = run.Schedule.Order;
        if (count < MinParallelLayer)
        {
            for (var k = start; k < start + count; k++)
            {
                run.Execute(order[k]);
            }

            return;
        }

        var chunks = Math.Min(Threads, Math.Max(1, count / MinChunk));
        Parallel.For(0, chunks, _options, c =>
        {
            var from = start + (int)((long)count * c / chunks);
            var to = start + (int)((long)count * (c + 1) / chunks);
            for (var k = from; k < to; k++)
            {
                run.Execute(order[k]);
            }
        });
    }

    /// <summary>
    /// One block over every thread with one hand-over: the caller and the shared helper threads
    /// (<see cref="ApplierHelpers"/>) claim small runs of transactions in a fixed order and, before each transaction,
    /// wait only for the earlier transactions that touched its accounts (a coinbase reader: for every earlier
    /// transaction, whose fee credits it sums). No thread waits at a layer boundary as such.
    /// <list type="bullet">
    /// <item>On a schedule already built, the order is <see cref="BlockSchedule.Order"/>, layer after layer.</item>
    /// <item>
    /// Handed a whole block, the order is block order and the caller schedules first: it places the transactions
    /// (<see cref="ScheduleBuilder"/>) and publishes them in steps while the helpers, woken at the start, already
    /// apply what is published. The helpers' start-up and the scheduling, both serial work before any transaction
    /// could run otherwise, are hidden behind each other. Once the block is placed the caller joins in, and if the
    /// block turned out too contended to split (fewer than <see cref="MinAverageLayer"/> transactions per layer)
    /// the helpers stop claiming and the caller goes on alone, so that no two threads hand accounts back and forth.
    /// </item>
    /// </list>
    /// </summary>
    /// <remarks>
    /// Deadlock-free: in either order a transaction's dependencies come earlier, so they were claimed before it, by
    /// threads that wait only for transactions earlier still. The caller claims until nothing is left, so the block
    /// completes even if no helper ever starts; a helper that arrives late finds nothing and leaves. A failure in any
    /// thread releases the others and is rethrown on the caller once every claimed run is accounted for.
    /// </remarks>
    private sealed class ClaimedRun : IHelperJob
    {
        // Placed transactions are published in steps: a write per transaction would pull the line from a helper
        // polling it each time.
        private const int PublishStep = 16;

        private readonly Run _run;
        private readonly BlockSchedule _schedule;
        private readonly int[]? _order;
        private readonly int _count;
        private readonly int _chunk;
        private readonly int _chunks;
        private readonly int[] _done;
        private int _published;
        private int _next;
        private int _finished;
        private int _stop;
        private int _failed;
        private Exception? _error;

        /// <summary>A run over <paramref name="order"/>, or over the whole block in block order when null.</summary>
        public ClaimedRun(Run run, int[]? order, int chunk)
        {
            _run = run;
            _schedule = run.Schedule;
            _order = order;
            _count = order?.Length ?? _schedule.Transactions.Length;
            _chunk = chunk;
            _chunks = (_count + chunk - 1) / chunk;
            _done = new int[_schedule.Transactions.Length];
            if (order is not null)
            {
                // The schedule is complete: everything is published, and what it left out counts as done.
                _published = _done.Length;
                for (var i = 0; i < _done.Length; i++)
                {
                    if (_schedule.SenderSlot[i] < 0)
                    {
                        _done[i] = 1;
                    }
                }
            }
        }

        /// <summary>Applies the run on <paramref name="threads"/> threads, placing the transactions first with <paramref name="builder"/> when given.</summary>
        public void Apply(int threads, ScheduleBuilder? builder, int minAverageLayer)
        {
            ApplierHelpers.Offer(this, threads - 1);
            if (builder is not null)
            {
                Schedule(builder, minAverageLayer);
            }

            Claim(helper: false);

            // What is left is the helpers' runs in hand, a few microseconds: spin rather than sleep and be woken.
            var spin = default(SpinWait);
            while (Volatile.Read(ref _finished) != _chunks)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }

            if (_error is not null)
            {
                ExceptionDispatchInfo.Throw(_error);
            }
        }

        public void Help() => Claim(helper: true);

        private void Schedule(ScheduleBuilder builder, int minAverageLayer)
        {
            try
            {
                var n = _done.Length;
                while (builder.Added < n)
                {
                    builder.Add();
                    if (builder.Added % PublishStep == 0 || builder.Added == n)
                    {
                        Volatile.Write(ref _published, builder.Added);
                    }
                }

                builder.Complete();

                // A contended block goes on in one thread: the helpers stop claiming (finishing the run in hand) and
                // the caller takes the rest, so that the last transactions never wait for a helper to hand them over.
                if (!_schedule.AverageLayerAtLeast(minAverageLayer))
                {
                    Volatile.Write(ref _stop, 1);
                }
            }
#pragma warning disable CA1031 // Rethrown on the caller's thread once the helpers are released.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Fail(e);
            }
        }

        private void Claim(bool helper)
        {
            int c;
            while ((!helper || Volatile.Read(ref _stop) == 0) && (c = Interlocked.Increment(ref _next) - 1) < _chunks)
            {
                // After a failure the remaining runs are only counted, so that the caller is released promptly.
                if (Volatile.Read(ref _failed) == 0)
                {
                    try
                    {
                        ApplyRun(c * _chunk, Math.Min(_count, (c + 1) * _chunk));
                    }
#pragma warning disable CA1031 // Rethrown on the caller's thread.
                    catch (Exception e)
#pragma warning restore CA1031
                    {
                        Fail(e);
                    }
                }

                Interlocked.Increment(ref _finished);
            }
        }

        private void ApplyRun(int start, int end)
        {
            var published = 0;
            for (var k = start; k < end; k++)
            {
                var i = _order is null ? k : _order[k];
                if (i >= published)
                {
                    Wait(ref _published, i + 1, atLeast: true);
                    published = Volatile.Read(ref _published);
                }

                if (_schedule.SenderSlot[i] >= 0)
                {
                    WaitForEarlier(i);
                    _run.Execute(i);
                }

                Volatile.Write(ref _done[i], 1);
            }
        }

        private void WaitForEarlier(int i)
        {
            var dependencies = _schedule.Dependencies;
            for (var d = _schedule.DependencyStarts[i]; d < _schedule.DependencyStarts[i + 1]; d++)
            {
                var j = dependencies[d];
                if (Volatile.Read(ref _done[j]) == 0)
                {
                    // Waiting on anything but an earlier layer could wait forever; the scheduler never builds that.
                    if (j >= i || _schedule.LayerOf[j] >= _schedule.LayerOf[i])
                    {
                        throw new InvalidOperationException($"transaction {i} depends on {j}, which is not in an earlier layer");
                    }

                    Wait(ref _done[j], 1);
                }
            }

            var previousReader = _schedule.PreviousReader[i];
            if (previousReader != -2)
            {
                // A coinbase reader sums the fee credits of every transaction since the previous reader, which itself
                // waited for everything before it.
                for (var j = Math.Max(0, previousReader); j < i; j++)
                {
                    Wait(ref _done[j], 1);
                }
            }
        }

        private void Wait(ref int value, int target, bool atLeast = false)
        {
            var spin = default(SpinWait);
            while (atLeast ? Volatile.Read(ref value) < target : Volatile.Read(ref value) != target)
            {
                if (Volatile.Read(ref _failed) != 0)
                {
                    throw new OperationCanceledException("another applier thread failed");
                }

                // Never Sleep(1): a dependency is a few microseconds of work away.
                spin.SpinOnce(sleep1Threshold: -1);
            }
        }

        private void Fail(Exception e)
        {
            Interlocked.CompareExchange(ref _error, e, null);
            Volatile.Write(ref _failed, 1);
        }
    }

    /// <summary>One block's working state: accounts by slot, fee credits and receipts by transaction.</summary>
    private sealed class Run : IWorldState
    {
        private readonly IStateStore _state;
        private readonly ITransactionExecutor? _executor;
        private readonly Account[] _accounts;
        private readonly bool[] _loaded;
        private readonly bool[] _dirty;
        private readonly UInt256[] _fees;
        private readonly TransactionReceipt[] _receipts;
        private Dictionary<Address, Account>? _extra;

        public Run(BlockSchedule schedule, IStateStore state, ITransactionExecutor? executor)
        {
            Schedule = schedule;
            _state = state;
            _executor = executor;
            // Sized before the schedule is complete when scheduling and applying overlap.
            var slots = schedule.SlotCapacity;
            _accounts = GC.AllocateUninitializedArray<Account>(slots); // read only once loaded
            _loaded = new bool[slots];
            _dirty = new bool[slots];
            var n = schedule.Transactions.Length;
            _fees = new UInt256[n];
            _receipts = new TransactionReceipt[n];
        }

        public BlockSchedule Schedule { get; }

        /// <summary>Applies transaction <paramref name="i"/>; its layer's other transactions touch other slots.</summary>
        public void Execute(int i)
        {
            ref readonly var tx = ref Schedule.Transactions[i];
            var block = Schedule.Block;
            var previousReader = Schedule.PreviousReader[i];
            if (previousReader != -2)
            {
                Materialise(previousReader + 1, i);
            }

            if (tx.NeedsExecutor)
            {
                _receipts[i] = SequentialApplier.ApplyOne(tx, block, this, ulong.MaxValue, _executor);
                return;
            }

            var s = Schedule.SenderSlot[i];
            ref var sender = ref Load(s);
            var error = TransferRules.Check(tx, block, sender, ulong.MaxValue, out var charge);
            if (error != ApplyError.None)
            {
                _receipts[i] = TransactionReceipt.Rejected(error.ToCode()!);
                return;
            }

            var gasUsed = tx.IntrinsicGas;
            sender = sender with { Nonce = sender.Nonce + 1, Balance = sender.Balance - charge.Debit(gasUsed, tx.Value) };
            MarkDirty(s);
            var r = Schedule.RecipientSlot[i];
            ref var recipient = ref Load(r);
            recipient = recipient with { Balance = recipient.Balance + tx.Value };
            MarkDirty(r);
            var fee = charge.Fee(gasUsed);
            if (previousReader != -2)
            {
                ref var coinbase = ref Load(0);
                coinbase = coinbase with { Balance = coinbase.Balance + fee };
                _dirty[0] = true;
            }
            else
            {
                _fees[i] = fee;
            }

            _receipts[i] = new TransactionReceipt(TransactionStatus.Success, gasUsed, null);
        }

        /// <summary>Credits the coinbase and collects the changed accounts, once every layer has run.</summary>
        public BlockApplyResult Finish()
        {
            for (var i = 0; i < _receipts.Length; i++)
            {
                if (Schedule.SenderSlot[i] < 0)
                {
                    ref readonly var tx = ref Schedule.Transactions[i];
                    _receipts[i] = TransactionReceipt.Rejected(tx.StatelessError ?? ApplyError.RequiresExecutor.ToCode()!);
                }
            }

            Materialise(Schedule.LastReader + 1, _fees.Length);
            IReadOnlyDictionary<Address, Account> changes = new SlotChanges(Schedule.Slots, Schedule.SlotAddresses, _accounts, _dirty);
            if (_extra is not null)
            {
                // Accounts only an executor touched live outside the slots.
                var merged = new Dictionary<Address, Account>(_extra);
                foreach (var (address, account) in changes)
                {
                    merged[address] = account;
                }

                changes = merged;
            }

            ulong gasUsed = 0;

            foreach (var receipt in _receipts)
            {
                gasUsed += receipt.GasUsed;
            }

            return new BlockApplyResult(_receipts, changes, gasUsed);
        }

        public Account GetAccount(in Address address)
        {
            if (Schedule.Slots.TryGetValue(address, out var slot))
            {
                return Load(slot);
            }

            return _extra is not null && _extra.TryGetValue(address, out var account) ? account : _state.GetAccount(address);
        }

        public void SetAccount(in Address address, in Account account)
        {
            if (Schedule.Slots.TryGetValue(address, out var slot))
            {
                Load(slot) = account;
                _dirty[slot] = true;
            }
            else
            {
                (_extra ??= [])[address] = account;
            }
        }

        /// <summary>Adds the fee credits of transactions [from, to) to the coinbase.</summary>
        private void Materialise(int from, int to)
        {
            var sum = UInt256.Zero;
            for (var j = from; j < to; j++)
            {
                sum += _fees[j];
            }

            if (!sum.IsZero)
            {
                ref var coinbase = ref Load(0);
                coinbase = coinbase with { Balance = coinbase.Balance + sum };
                _dirty[0] = true;
            }
        }

        /// <summary>
        /// Flags a slot as written, writing the flag only the first time: flags of many slots share a cache line, and
        /// a store to a line the other core holds costs a transfer even when the value does not change.
        /// </summary>
        private void MarkDirty(int slot)
        {
            if (!_dirty[slot])
            {
                _dirty[slot] = true;
            }
        }

        private ref Account Load(int slot)
        {
            if (!_loaded[slot])
            {
                _accounts[slot] = _state.GetAccount(Schedule.SlotAddresses[slot]);
                _loaded[slot] = true;
            }

            return ref _accounts[slot];
        }
    }
}
