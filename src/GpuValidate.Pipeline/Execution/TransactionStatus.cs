namespace GpuValidate.Pipeline.Execution;

/// <summary>The outcome of one transaction in a block.</summary>
public enum TransactionStatus
{
    /// <summary>Not included: the transaction is invalid (or could not be run) and left state untouched.</summary>
    Invalid,

    /// <summary>Included and succeeded (receipt status 1).</summary>
    Success,

    /// <summary>Included, paid its fees, but its execution failed (receipt status 0).</summary>
    Failed,
}
