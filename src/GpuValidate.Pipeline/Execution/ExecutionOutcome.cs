namespace GpuValidate.Pipeline.Execution;

/// <summary>What an <see cref="ITransactionExecutor"/> reports for one transaction.</summary>
/// <param name="Success">False when execution failed (reverted): the transaction is still included and pays for gas.</param>
/// <param name="GasUsed">The total gas used, intrinsic gas included; between the intrinsic gas and the gas limit.</param>
public readonly record struct ExecutionOutcome(bool Success, ulong GasUsed);
