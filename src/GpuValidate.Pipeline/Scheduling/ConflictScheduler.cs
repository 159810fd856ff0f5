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
    public static BlockSchedule Build(in BlockEnvironment block, ApplierTransaction[] transactions, bool hasExecutor) =>
        new ScheduleBuilder(block, transactions, hasExecutor).Build();
}
