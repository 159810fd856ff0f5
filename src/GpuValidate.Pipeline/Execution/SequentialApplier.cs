using GpuValidate.State;

namespace GpuValidate.Pipeline.Execution;

/// <summary>
/// The reference applier: one transaction after another in block order, every account read through one overlay.
/// Every other applier must produce exactly its receipts and changes.
/// </summary>
/// <param name="executor">Runs contract creations and calls; null gives them <c>requires-executor</c>.</param>
public sealed class SequentialApplier(ITransactionExecutor? executor = null) : IBlockApplier
{
    /// <inheritdoc/>
    public BlockApplyResult Apply(in BlockEnvironment block, ReadOnlyMemory<ApplierTransaction> transactions, IStateStore state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var txs = transactions.Span;
        var receipts = new TransactionReceipt[txs.Length];
        var overlay = new StateOverlay(state);
        ulong gasUsed = 0;
        for (var i = 0; i < txs.Length; i++)
        {
            receipts[i] = ApplyOne(txs[i], block, overlay, block.GasLimit - gasUsed, executor);
            gasUsed += receipts[i].GasUsed;
        }

        return new BlockApplyResult(receipts, overlay.Writes, gasUsed);
    }

    /// <summary>Applies one transaction to <paramref name="state"/>, the rules written out once for every applier.</summary>
    internal static TransactionReceipt ApplyOne(
        in ApplierTransaction tx, in BlockEnvironment block, IWorldState state, ulong gasLeft, ITransactionExecutor? executor)
    {
        if (tx.StatelessError is not null)
        {
            return TransactionReceipt.Rejected(tx.StatelessError);
        }

        if (tx.NeedsExecutor && executor is null)
        {
            return TransactionReceipt.Rejected(ApplyError.RequiresExecutor.ToCode()!);
        }

        var sender = state.GetAccount(tx.Sender);
        var error = TransferRules.Check(tx, block, sender, gasLeft, out var charge);
        if (error != ApplyError.None)
        {
            return TransactionReceipt.Rejected(error.ToCode()!);
        }

        if (tx.NeedsExecutor)
        {
            return Execute(tx, block, state, sender, charge, executor!);
        }

        var gasUsed = tx.IntrinsicGas;
        state.SetAccount(tx.Sender, sender with { Nonce = sender.Nonce + 1, Balance = sender.Balance - charge.Debit(gasUsed, tx.Value) });
        var to = tx.To!.Value;
        var recipient = state.GetAccount(to);
        state.SetAccount(to, recipient with { Balance = recipient.Balance + tx.Value });
        var coinbase = state.GetAccount(block.Coinbase);
        state.SetAccount(block.Coinbase, coinbase with { Balance = coinbase.Balance + charge.Fee(gasUsed) });
        return new TransactionReceipt(TransactionStatus.Success, gasUsed, null);
    }

    private static TransactionReceipt Execute(
        in ApplierTransaction tx, in BlockEnvironment block, IWorldState state, Account sender, TransferCharge charge, ITransactionExecutor executor)
    {
        var prepaid = charge.EffectiveGasPrice * tx.GasLimit;
        state.SetAccount(tx.Sender, sender with { Nonce = sender.Nonce + 1, Balance = sender.Balance - prepaid });
        var outcome = executor.Execute(tx, block, state);
        if (outcome.GasUsed < tx.IntrinsicGas || outcome.GasUsed > tx.GasLimit)
        {
            throw new InvalidOperationException(
                $"the executor reported {outcome.GasUsed} gas for a transaction with intrinsic gas {tx.IntrinsicGas} and limit {tx.GasLimit}");
        }

        var refunded = state.GetAccount(tx.Sender);
        state.SetAccount(tx.Sender, refunded with { Balance = refunded.Balance + (charge.EffectiveGasPrice * (tx.GasLimit - outcome.GasUsed)) });
        var coinbase = state.GetAccount(block.Coinbase);
        state.SetAccount(block.Coinbase, coinbase with { Balance = coinbase.Balance + charge.Fee(outcome.GasUsed) });
        return new TransactionReceipt(outcome.Success ? TransactionStatus.Success : TransactionStatus.Failed, outcome.GasUsed, null);
    }
}
