using GpuValidate.Ethereum.Primitives;
using GpuValidate.Pipeline.Execution;

namespace GpuValidate.Pipeline.Scheduling;

/// <summary>
/// <see cref="ConflictScheduler"/>'s layering, one transaction at a time in block order, into a
/// <see cref="BlockSchedule"/> whose arrays exist from the start. Everything a transaction's entries depend on is
/// sized beforehand from the block (slots, dependencies, the gas sum, whether any transaction is a barrier), so no
/// array is ever replaced: once <see cref="Add"/> has returned for transaction i, its slots, dependencies and
/// coinbase-reader link are final and may be read by another thread that learns of it through a release/acquire
/// pair. <see cref="Complete"/> then groups the layers. Not thread-safe for writers.
/// </summary>
internal sealed class ScheduleBuilder
{
    private readonly bool _hasExecutor;
    private readonly int[] _lastLayer;
    private readonly int[] _lastTransaction;
    private readonly BlockSchedule _schedule;
    private int _dependencyCount;
    private int _maxLayer = -1;
    private int _floor;
    private int _lastReader = -1;
    private int _scheduled;
    private int _added;

    /// <summary>A builder for <paramref name="transactions"/> of <paramref name="block"/>.</summary>
    public ScheduleBuilder(in BlockEnvironment block, ApplierTransaction[] transactions, bool hasExecutor)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        _hasExecutor = hasExecutor;
        var n = transactions.Length;

        // Upper bounds: the coinbase plus every address a transaction names; one dependency per address it names.
        var touched = 0;
        ulong gasLimitSum = 0;
        var gasOverflow = false;
        var barriers = false;
        for (var i = 0; i < n; i++)
        {
            ref readonly var tx = ref transactions[i];
            var names = 1 + (tx.To is null ? 0 : 1) + tx.AccessListAddresses.Length;
            touched += names;
            if (!IsScheduled(tx, hasExecutor))
            {
                continue;
            }

            var before = gasLimitSum;
            gasLimitSum += tx.GasLimit;
            gasOverflow |= gasLimitSum < before;
            barriers |= tx.NeedsExecutor;
        }

        var slots = new AddressSlotMap(1 + touched);
        slots.GetOrAdd(block.Coinbase);
        // Every array but the slot table is written before it is read (a slot's entries when it is first seen, a
        // transaction's when it is added), so none is cleared first: a block's worth is tens of kilobytes.
        _lastLayer = GC.AllocateUninitializedArray<int>(1 + touched);
        _lastLayer[0] = -1;
        _lastTransaction = GC.AllocateUninitializedArray<int>(_lastLayer.Length);
        _lastTransaction[0] = -1;
        _schedule = new BlockSchedule(block, transactions, slots, slots.Addresses, gasLimitSum, gasOverflow)
        {
            SenderSlot = GC.AllocateUninitializedArray<int>(n),
            RecipientSlot = GC.AllocateUninitializedArray<int>(n),
            PreviousReader = GC.AllocateUninitializedArray<int>(n),
            LayerOf = GC.AllocateUninitializedArray<int>(n),
            DependencyStarts = GC.AllocateUninitializedArray<int>(n + 1),
            Dependencies = GC.AllocateUninitializedArray<int>(touched),
            HasBarriers = barriers,
            SlotCapacity = 1 + touched,
        };
    }

    /// <summary>The schedule being built: its per-transaction arrays are final for transactions already added.</summary>
    public BlockSchedule Schedule => _schedule;

    /// <summary>The number of transactions added so far.</summary>
    public int Added => _added;

    /// <summary>Whether a transaction takes part in scheduling (it was not rejected before touching state).</summary>
    public static bool IsScheduled(in ApplierTransaction tx, bool hasExecutor) =>
        tx.StatelessError is null && (!tx.NeedsExecutor || hasExecutor);

    /// <summary>Places the next transaction in block order.</summary>
    public void Add()
    {
        var i = _added;
        var schedule = _schedule;
        ref readonly var tx = ref schedule.Transactions[i];
        schedule.PreviousReader[i] = -2;
        schedule.DependencyStarts[i] = _dependencyCount;
        _added = i + 1;
        if (!IsScheduled(tx, _hasExecutor))
        {
            schedule.SenderSlot[i] = schedule.RecipientSlot[i] = schedule.LayerOf[i] = -1;
            schedule.DependencyStarts[i + 1] = _dependencyCount;
            return;
        }

        _scheduled++;
        var s = SlotOf(tx.Sender);
        var r = tx.To is { } to ? SlotOf(to) : -1;
        int layer;
        bool readsCoinbase;
        if (tx.NeedsExecutor)
        {
            layer = _maxLayer + 1;
            _floor = layer + 1;
            readsCoinbase = true;
        }
        else
        {
            layer = Math.Max(_floor, _lastLayer[s] + 1);
            if (r >= 0)
            {
                layer = Math.Max(layer, _lastLayer[r] + 1);
            }

            readsCoinbase = s == 0 || r == 0;
            var access = tx.AccessListAddresses.Span;
            Span<int> slotsOfAccess = access.Length <= 16 ? stackalloc int[access.Length] : new int[access.Length];
            for (var a = 0; a < access.Length; a++)
            {
                var slot = SlotOf(access[a]);
                slotsOfAccess[a] = slot;
                readsCoinbase |= slot == 0;
                layer = Math.Max(layer, _lastLayer[slot] + 1);
            }

            if (readsCoinbase)
            {
                layer = Math.Max(layer, _maxLayer + 1);
            }

            Touch(s, i, layer);
            if (r >= 0)
            {
                Touch(r, i, layer);
            }

            foreach (var slot in slotsOfAccess)
            {
                Touch(slot, i, layer);
            }
        }

        if (readsCoinbase)
        {
            schedule.PreviousReader[i] = _lastReader;
            _lastReader = i;
        }

        schedule.SenderSlot[i] = s;
        schedule.RecipientSlot[i] = r;
        schedule.LayerOf[i] = layer;
        schedule.DependencyStarts[i + 1] = _dependencyCount;
        _maxLayer = Math.Max(_maxLayer, layer);
    }

    /// <summary>Places every transaction not yet added, then completes the schedule.</summary>
    public BlockSchedule Build()
    {
        while (_added < _schedule.Transactions.Length)
        {
            Add();
        }

        return Complete();
    }

    /// <summary>Groups the added transactions (every one of the block's) into layers and returns the schedule.</summary>
    public BlockSchedule Complete()
    {
        var schedule = _schedule;
        var n = schedule.Transactions.Length;
        if (_added != n)
        {
            throw new InvalidOperationException($"{_added} of {n} transactions were added");
        }

        var layerStarts = new int[_maxLayer + 2];
        for (var i = 0; i < n; i++)
        {
            if (schedule.LayerOf[i] >= 0)
            {
                layerStarts[schedule.LayerOf[i] + 1]++;
            }
        }

        for (var l = 1; l < layerStarts.Length; l++)
        {
            layerStarts[l] += layerStarts[l - 1];
        }

        var order = new int[_scheduled];
        var next = layerStarts[..^1];
        for (var i = 0; i < n; i++)
        {
            if (schedule.LayerOf[i] >= 0)
            {
                order[next[schedule.LayerOf[i]]++] = i;
            }
        }

        schedule.Complete(_lastReader, order, layerStarts);
        return schedule;
    }

    private int SlotOf(in Address address)
    {
        var slots = _schedule.Slots;
        var count = slots.Count;
        var slot = slots.GetOrAdd(address);
        if (slot == count)
        {
            _lastLayer[slot] = -1;
            _lastTransaction[slot] = -1;
        }

        return slot;
    }

    /// <summary>
    /// Transaction i, in <paramref name="layer"/>, touches <paramref name="slot"/>: it depends on the last earlier
    /// toucher of the slot, never on itself (a self-transfer, or an access list naming its own sender, touches one
    /// slot twice).
    /// </summary>
    private void Touch(int slot, int i, int layer)
    {
        _lastLayer[slot] = layer;
        var last = _lastTransaction[slot];
        if (last >= 0 && last != i)
        {
            _schedule.Dependencies[_dependencyCount++] = last;
        }

        _lastTransaction[slot] = i;
    }
}
