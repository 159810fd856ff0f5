namespace GpuValidate.Pipeline.Execution;

/// <summary>
/// Runs transactions the transfer rules cannot: contract creation and calls carrying data (the embedding node's
/// EVM). Without one, such transactions get the verdict <c>requires-executor</c> and leave state untouched.
/// </summary>
/// <remarks>
/// The applier calls <see cref="Execute"/> after it has checked the nonce, fees and balance, incremented the sender
/// nonce and charged the sender gas limit x effective gas price. The executor moves the value and runs the code
/// through the <see cref="IWorldState"/> it is given; on failure it must leave state as it found it. The applier then refunds the
/// unused gas and pays the priority fee to the coinbase. Executors are called from one thread at a time, with every
/// earlier transaction of the block applied and no later one started.
/// </remarks>
public interface ITransactionExecutor
{
    /// <summary>Executes <paramref name="transaction"/> against <paramref name="state"/>.</summary>
    ExecutionOutcome Execute(in ApplierTransaction transaction, in BlockEnvironment block, IWorldState state);
}
