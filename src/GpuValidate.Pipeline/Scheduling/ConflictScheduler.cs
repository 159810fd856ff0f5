using GpuValidate.Ethereum.Primitives;
using GpuValidate.Pipeline.Execution;

namespace GpuValidate.Pipeline.Scheduling;

/// <summary>
/// Greedy layering in block order: a transaction goes into the first layer after the last layer holding any
/// account it touches (sender, recipient, EIP-2930 access list). The coinbase is left out of those sets because
/// fee credits are commutative deltas; a transaction that reads the coinbase (sends from it, pays to it, lists it)
/// goes after every earlier transaction so that the credits before it can be materialised. A transaction that needs
/// an executor touches unknown accounts and is a barrier: after everything before it, before everything after it.
/// </summary>
/// <remarks>Cost: one hash-table lookup per touched address and O(1) else per transaction, then a counting sort.</remarks>
public static class ConflictScheduler
{
    /// <summary>Schedules <paramref name="transactions"/> of <paramref name="block"/>.</summary>
    /// <param name="block">The block environment (its coinbase gets slot 0).</param>
    /// <param name="transactions">The block's transactions in block order; the schedule keeps the array.</param>
    /// <param name="hasExecutor">Whether contract transactions will run; without an executor they are left out.</param>
    public static BlockSchedule Build(in BlockEnvironment block, ApplierTransaction[] transactions, bool hasExecutor)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var n = transactions.Length;
        var slots = new AddressSlotMap(2 * n);
        slots.GetOrAdd(block.Coinbase);
        var lastLayer = new int[Math.Max(4, 2 * n)];
        lastLayer[0] = -1;
        var lastTransaction = new int[lastLayer.Length];
        lastTransaction[0] = -1;
        var dependencyStarts = new int[n + 1];
        var dependencies = new int[2 * n];
        var dependencyCount = 0;
        var senderSlot = new int[n];
        var recipientSlot = new int[n];
        var previousReader = new int[n];
        var layerOf = new int[n];
        Span<int> accessSlots = stackalloc int[16];
        var maxLayer = -1;
        var floor = 0;
        var lastReader = -1;
        var scheduled = 0;
        ulong gasLimitSum = 0;
        var gasOverflow = false;
        var barriers = false;

        int SlotOf(in Address address)
        {
            var count = slots.Count;
            var slot = slots.GetOrAdd(address);
            if (slot == count)
            {
                if (slot == lastLayer.Length)
                {
                    Array.Resize(ref lastLayer, lastLayer.Length * 2);
                    Array.Resize(ref lastTransaction, lastLayer.Length);
                }

                lastLayer[slot] = -1;
                lastTransaction[slot] = -1;
            }

            return slot;
        }

        // Transaction i depends on the last earlier toucher of slot; never on itself (a self-transfer, or an access
        // list naming its own sender, touches one slot twice).
        void DependOn(int slot, int i)
        {
            var last = lastTransaction[slot];
            if (last >= 0 && last != i)
            {
                if (dependencyCount == dependencies.Length)
                {
                    Array.Resize(ref dependencies, 2 * dependencies.Length);
                }

                dependencies[dependencyCount++] = last;
            }
        }

        for (var i = 0; i < n; i++)
        {
            ref readonly var tx = ref transactions[i];
            previousReader[i] = -2;
            dependencyStarts[i] = dependencyCount;
            if (tx.StatelessError is not null || (tx.NeedsExecutor && !hasExecutor))
            {
                senderSlot[i] = recipientSlot[i] = layerOf[i] = -1;
                continue;
            }

            scheduled++;
            var before = gasLimitSum;
            gasLimitSum += tx.GasLimit;
            gasOverflow |= gasLimitSum < before;
            var s = SlotOf(tx.Sender);
            var r = tx.To is { } to ? SlotOf(to) : -1;
            senderSlot[i] = s;
            recipientSlot[i] = r;
            int layer;
            bool readsCoinbase;
            if (tx.NeedsExecutor)
            {
                barriers = true;
                layer = maxLayer + 1;
                floor = layer + 1;
                readsCoinbase = true;
            }
            else
            {
                layer = Math.Max(floor, lastLayer[s] + 1);
                if (r >= 0)
                {
                    layer = Math.Max(layer, lastLayer[r] + 1);
                }

                readsCoinbase = s == 0 || r == 0;
                var access = tx.AccessListAddresses.Span;
                Span<int> slotsOfAccess = access.Length <= accessSlots.Length ? accessSlots[..access.Length] : new int[access.Length];
                for (var a = 0; a < access.Length; a++)
                {
                    var slot = SlotOf(access[a]);
                    slotsOfAccess[a] = slot;
                    readsCoinbase |= slot == 0;
                    layer = Math.Max(layer, lastLayer[slot] + 1);
                }

                if (readsCoinbase)
                {
                    layer = Math.Max(layer, maxLayer + 1);
                }

                lastLayer[s] = layer;
                DependOn(s, i);
                lastTransaction[s] = i;
                if (r >= 0)
                {
                    lastLayer[r] = layer;
                    DependOn(r, i);
                    lastTransaction[r] = i;
                }

                foreach (var slot in slotsOfAccess)
                {
                    lastLayer[slot] = layer;
                    DependOn(slot, i);
                    lastTransaction[slot] = i;
                }
            }

            if (readsCoinbase)
            {
                previousReader[i] = lastReader;
                lastReader = i;
            }

            layerOf[i] = layer;
            maxLayer = Math.Max(maxLayer, layer);
        }

        dependencyStarts[n] = dependencyCount;
        var layerStarts = new int[maxLayer + 2];
        for (var i = 0; i < n; i++)
        {
            if (layerOf[i] >= 0)
            {
                layerStarts[layerOf[i] + 1]++;
            }
        }

        for (var l = 1; l < layerStarts.Length; l++)
        {
            layerStarts[l] += layerStarts[l - 1];
        }

        var order = new int[scheduled];
        var next = layerStarts[..^1];
        for (var i = 0; i < n; i++)
        {
            if (layerOf[i] >= 0)
            {
                order[next[layerOf[i]]++] = i;
            }
        }

        return new BlockSchedule(
            block, transactions, slots, slots.Addresses, senderSlot, recipientSlot, previousReader, lastReader, order, layerStarts, gasLimitSum, gasOverflow)
        {
            LayerOf = layerOf,
            DependencyStarts = dependencyStarts,
            Dependencies = dependencies,
            HasBarriers = barriers,
        };
    }
}
