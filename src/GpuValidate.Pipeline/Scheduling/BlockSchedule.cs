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
        BlockEnvironment block,
        ApplierTransaction[] transactions,
        AddressSlotMap slots,
        Address[] slotAddresses,
        int[] senderSlot,
        int[] recipientSlot,
        int[] previousReader,
        int lastReader,
        int[] order,
        int[] layerStarts,
        ulong gasLimitSum,
        bool gasLimitSumOverflowed)
    {
        Block = block;
        Transactions = transactions;
        Slots = slots;
        SlotAddresses = slotAddresses;
        SenderSlot = senderSlot;
        RecipientSlot = recipientSlot;
        PreviousReader = previousReader;
        LastReader = lastReader;
        Order = order;
        LayerStarts = layerStarts;
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
    internal int[] SenderSlot { get; }

    /// <summary>Per transaction: the recipient's slot, or -1 for contract creation or an unscheduled transaction.</summary>
    internal int[] RecipientSlot { get; }

    /// <summary>
    /// Per transaction: -2 when it does not read the coinbase; otherwise the index of the previous coinbase reader
    /// (-1 for none), so that the fee credits of the transactions between the two can be materialised.
    /// </summary>
    internal int[] PreviousReader { get; }

    /// <summary>The last transaction that reads the coinbase, or -1.</summary>
    internal int LastReader { get; }

    /// <summary>Scheduled transaction indices, layer after layer, block order within a layer.</summary>
    internal int[] Order { get; }

    /// <summary>Layer l is <c>Order[LayerStarts[l]..LayerStarts[l + 1]]</c>.</summary>
    internal int[] LayerStarts { get; }

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

    /// <summary>The size of layer <paramref name="layer"/>.</summary>
    public int LayerSize(int layer) => LayerStarts[layer + 1] - LayerStarts[layer];
}
