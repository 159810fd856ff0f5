using GpuValidate.Ethereum.Primitives;
using GpuValidate.Pipeline.Execution;
using GpuValidate.State;

namespace GpuValidate.Pipeline.Scheduling;

/// <summary>
/// Applies a block's conflict-free layers (<see cref="ConflictScheduler"/>) one after another, the transactions of a
/// layer on all threads, with the receipts and changes of <see cref="SequentialApplier"/>.
/// </summary>
/// <remarks>
/// Accounts live in an array indexed by schedule slot, so that a transaction reads and writes its own accounts with no
/// lock: no two transactions of a layer share a slot, and <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/>
/// fences the layers. Fee credits to the coinbase are written per transaction and summed where a transaction reads
/// the coinbase and at the end. A block whose scheduled gas limits exceed the block gas limit makes each verdict
/// depend on the gas all earlier transactions used; such a block is applied by the sequential rules.
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
    public BlockApplyResult Apply(in BlockEnvironment block, ReadOnlyMemory<ApplierTransaction> transactions, IStateStore state) =>
        Apply(ConflictScheduler.Build(block, transactions.ToArray(), _executor is not null), state);

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
        var parallel = Threads > 1 && schedule.LayerCount * MinAverageLayer <= schedule.ScheduledCount;
        if (!parallel)
        {
            foreach (var i in BlockOrder(schedule))
            {
                run.Execute(i);
            }
        }
        else if (!schedule.HasBarriers && !ByLayers)
        {
            RunByDependencies(run);
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

    /// <summary>
    /// One fork for the whole block: every thread claims small runs of <see cref="BlockSchedule.Order"/> (layer after
    /// layer) and, before each transaction, waits only for the earlier transactions that touched its accounts
    /// (a coinbase reader: for every earlier layer). No thread waits at a layer boundary as such. Deadlock-free:
    /// a transaction's dependencies sit in earlier layers, so earlier in the order, and were claimed before it by
    /// threads that never wait for anything claimed later.
    /// </summary>
    private void RunByDependencies(Run run)
    {
        var schedule = run.Schedule;
        var order = schedule.Order;
        var done = new int[schedule.Transactions.Length];
        var countLayers = schedule.LastReader >= 0;
        var layerDone = countLayers ? new int[schedule.LayerCount] : [];
        var chunk = Math.Clamp(order.Length / (Threads * 16), 1, MinChunk);
        var next = 0;
        var failed = 0;
        Parallel.For(0, Threads, _options, _ =>
        {
            try
            {
                int start;
                while ((start = Interlocked.Add(ref next, chunk) - chunk) < order.Length)
                {
                    var end = Math.Min(order.Length, start + chunk);
                    for (var k = start; k < end; k++)
                    {
                        var i = order[k];
                        WaitForDependencies(schedule, i, done, layerDone, ref failed);
                        run.Execute(i);
                        Volatile.Write(ref done[i], 1);
                        if (countLayers)
                        {
                            Interlocked.Increment(ref layerDone[schedule.LayerOf[i]]);
                        }
                    }
                }
            }
            catch
            {
                // Release the other threads, which may be waiting for a transaction this thread will not finish.
                Volatile.Write(ref failed, 1);
                throw;
            }
        });
    }

    private static void WaitForDependencies(BlockSchedule schedule, int i, int[] done, int[] layerDone, ref int failed)
    {
        var dependencies = schedule.Dependencies;
        for (var d = schedule.DependencyStarts[i]; d < schedule.DependencyStarts[i + 1]; d++)
        {
            var j = dependencies[d];
            if (Volatile.Read(ref done[j]) == 0)
            {
                // Waiting on anything but an earlier layer could wait forever; the scheduler never builds that.
                if (schedule.LayerOf[j] >= schedule.LayerOf[i])
                {
                    throw new InvalidOperationException($"transaction {i} depends on {j}, which is not in an earlier layer");
                }

                Wait(ref done[j], 1, ref failed);
            }
        }

        if (schedule.PreviousReader[i] != -2)
        {
            // A coinbase reader sums the fee credits of every earlier transaction: all earlier layers must be done.
            for (var layer = 0; layer < schedule.LayerOf[i]; layer++)
            {
                Wait(ref layerDone[layer], schedule.LayerSize(layer), ref failed);
            }
        }
    }

    private static void Wait(ref int value, int target, ref int failed)
    {
        var spin = default(SpinWait);
        while (Volatile.Read(ref value) != target)
        {
            if (Volatile.Read(ref failed) != 0)
            {
                throw new OperationCanceledException("another applier thread failed");
            }

            // Never Sleep(1): a dependency is a few microseconds of work away.
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

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
            var slots = schedule.AccountCount;
            _accounts = new Account[slots];
            _loaded = new bool[slots];
            _dirty = new bool[slots];
            var n = schedule.Transactions.Length;
            _fees = new UInt256[n];
            _receipts = new TransactionReceipt[n];
            for (var i = 0; i < n; i++)
            {
                if (schedule.SenderSlot[i] < 0)
                {
                    ref readonly var tx = ref schedule.Transactions[i];
                    _receipts[i] = TransactionReceipt.Rejected(tx.StatelessError ?? ApplyError.RequiresExecutor.ToCode()!);
                }
            }
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
