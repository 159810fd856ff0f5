using GpuValidate.Ethereum.Primitives;
using GpuValidate.State;

namespace GpuValidate.Pipeline.Execution;

/// <summary>
/// The state-dependent checks of a transaction, shared by every applier so that they differ only in how they
/// schedule the work.
/// </summary>
internal static class TransferRules
{
    /// <summary>
    /// Checks <paramref name="transaction"/> against its <paramref name="sender"/> account and the
    /// <paramref name="gasLeft"/> in the block, in the order go-ethereum's pre-check applies them.
    /// </summary>
    public static ApplyError Check(
        in ApplierTransaction transaction, in BlockEnvironment block, in Account sender, ulong gasLeft, out TransferCharge charge)
    {
        charge = default;
        if (transaction.Nonce < sender.Nonce)
        {
            return ApplyError.NonceTooLow;
        }

        if (transaction.Nonce > sender.Nonce)
        {
            return ApplyError.NonceTooHigh;
        }

        if (sender.Nonce == ulong.MaxValue)
        {
            return ApplyError.NonceMax;
        }

        if (transaction.MaxPriorityFeePerGas > transaction.MaxFeePerGas)
        {
            return ApplyError.FeeCapBelowTip;
        }

        if (transaction.MaxFeePerGas < block.BaseFee)
        {
            return ApplyError.FeeBelowBaseFee;
        }

        if (!TransferCharge.TryTimes(transaction.MaxFeePerGas, transaction.GasLimit, out var maxGasCost)
            || !UInt256.TryAdd(maxGasCost, transaction.Value, out var required)
            || sender.Balance < required)
        {
            return ApplyError.InsufficientFunds;
        }

        if (transaction.GasLimit > gasLeft)
        {
            return ApplyError.GasLimitExceedsBlock;
        }

        if (transaction.GasLimit < transaction.IntrinsicGas)
        {
            return ApplyError.IntrinsicGasTooLow;
        }

        var headroom = transaction.MaxFeePerGas - block.BaseFee;
        var priority = UInt256.Min(transaction.MaxPriorityFeePerGas, headroom);
        charge = new TransferCharge(block.BaseFee + priority, priority);
        return ApplyError.None;
    }
}
