using GpuValidate.Ethereum.Primitives;
using GpuValidate.Pipeline.Execution;

namespace GpuValidate.Pipeline.Scheduling;

/// <summary>
/// One block's transactions grouped into conflict-free layers by <see cref="ConflictScheduler"/>: the transactions of
/// a layer touch disjoint accounts, and every account's transactions sit in increasing layers in block order.
/// </summary>
public sealed class BlockSchedule
{
    internal BlockSchedule(
        BlockEnvironment block, ApplierTransaction[] transactions, AddressSlotMap slots, Address[] slotAddresses, ulong gasLimitSum, bool gasLimitSumOverflowed)
    {
        Block = block;
        Transactions = transactions;
        Slots = slots;
        SlotAddresses = slotAddresses;
        GasLimitSum = gasLimitSum;
        GasLimitSumOverflowed = gasLimitSumOverflowed;
    }

    /// <summary>The block the schedule was built for.</summary>
    public BlockEnvironment Block { get; }

    /// <summary>The number of conflict-free layers.</summary>
    public int LayerCount => LayerStarts.Length - 1;

    /// <summary>The number of transactions placed in a layer (those not rejected before touching state).</summary>
    public int ScheduledCount => Order.Length;

    /// <summary>The number of distinct accounts the scheduled transactions touch, the coinbase included.</summary>
    public int AccountCount => Slots.Count;

    internal ApplierTransaction[] Transactions { get; }

    /// <summary>Account slot per address; slot 0 is the coinbase.</summary>
    internal AddressSlotMap Slots { get; }

    /// <summary>The addresses by slot: the first <see cref="AccountCount"/> entries (the array may be longer).</summary>
    internal Address[] SlotAddresses { get; }

    /// <summary>Per transaction: the sender's slot, or -1 when the transaction is rejected without touching state.</summary>
    internal int[] SenderSlot { get; init; } = [];

    /// <summary>Per transaction: the recipient's slot, or -1 for contract creation or an unscheduled transaction.</summary>
    internal int[] RecipientSlot { get; init; } = [];

    /// <summary>
    /// Per transaction: -2 when it does not read the coinbase; otherwise the index of the previous coinbase reader
    /// (-1 for none), so that the fee credits of the transactions between the two can be materialised.
    /// </summary>
    internal int[] PreviousReader { get; init; } = [];

    /// <summary>The last transaction that reads the coinbase, or -1.</summary>
    internal int LastReader { get; private set; } = -1;

    /// <summary>Scheduled transaction indices, layer after layer, block order within a layer.</summary>
    internal int[] Order { get; private set; } = [];

    /// <summary>Layer l is <c>Order[LayerStarts[l]..LayerStarts[l + 1]]</c>.</summary>
    internal int[] LayerStarts { get; private set; } = [0];

    /// <summary>Per transaction: its layer, or -1 when it is not scheduled.</summary>
    internal int[] LayerOf { get; init; } = [];

    /// <summary>
    /// Transaction i must run after <c>Dependencies[DependencyStarts[i]..DependencyStarts[i + 1]]</c>: for each account
    /// it touches (the coinbase left out), the last earlier transaction that touched it. Every one sits in an earlier
    /// layer.
    /// </summary>
    internal int[] DependencyStarts { get; init; } = [];

    /// <inheritdoc cref="DependencyStarts"/> (The array may be longer than <c>DependencyStarts[^1]</c>.)
    internal int[] Dependencies { get; init; } = [];

    /// <summary>Whether a transaction that needs an executor orders the whole block around it (a barrier).</summary>
    internal bool HasBarriers { get; init; }

    /// <summary>The sum of the scheduled transactions' gas limits.</summary>
    internal ulong GasLimitSum { get; }

    internal bool GasLimitSumOverflowed { get; }

    /// <summary>
    /// True when no transaction can fail the block gas check whatever the others use: the scheduled gas limits sum
    /// to at most the block gas limit. Otherwise a transaction's verdict depends on every earlier one's gas use.
    /// </summary>
    public bool GasIndependent => !GasLimitSumOverflowed && GasLimitSum <= Block.GasLimit;

    /// <summary>
    /// An upper bound on <see cref="AccountCount"/> known before any transaction is placed: the slot arrays of an
    /// applier that starts while the schedule is still being built are this long.
    /// </summary>
    internal int SlotCapacity { get; init; }

    /// <summary>
    /// Whether the layers hold at least <paramref name="minAverageLayer"/> transactions on average: below that the block
    /// is too contended for splitting it over threads to pay.
    /// </summary>
    internal bool AverageLayerAtLeast(int minAverageLayer) => LayerCount * minAverageLayer <= ScheduledCount;

    /// <summary>The size of layer <paramref name="layer"/>.</summary>
    public int LayerSize(int layer) => LayerStarts[layer + 1] - LayerStarts[layer];

    /// <summary>Records the layering once every transaction has been placed.</summary>
    internal void Complete(int lastReader, int[] order, int[] layerStarts)
    {
        LastReader = lastReader;
        Order = order;
        LayerStarts = layerStarts;
    }
}
