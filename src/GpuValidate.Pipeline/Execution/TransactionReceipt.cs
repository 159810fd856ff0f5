namespace GpuValidate.Pipeline.Execution;

/// <summary>One transaction's verdict and receipt.</summary>
/// <param name="Status">Invalid, success or failed execution.</param>
/// <param name="GasUsed">Gas charged; zero for an invalid transaction.</param>
/// <param name="Error">The stable reason code (see <see cref="ApplyErrorCodes"/> and the stateless codes), or null.</param>
public readonly record struct TransactionReceipt(TransactionStatus Status, ulong GasUsed, string? Error)
{
    /// <summary>True when the transaction was included in the block.</summary>
    public bool Valid => Status != TransactionStatus.Invalid;

    /// <summary>The receipt of a transaction rejected with <paramref name="error"/>.</summary>
    public static TransactionReceipt Rejected(string error) => new(TransactionStatus.Invalid, 0, error);
}
