using GpuValidate.Ethereum.Primitives;
using GpuValidate.State;

namespace GpuValidate.Pipeline.Execution;

/// <summary>One block applied but not yet committed: the receipts and the accounts it changed.</summary>
public sealed class BlockApplyResult
{
    internal BlockApplyResult(TransactionReceipt[] receipts, IReadOnlyDictionary<Address, Account> changes, ulong gasUsed)
    {
        Receipts = receipts;
        Changes = changes;
        GasUsed = gasUsed;
    }

    /// <summary>One receipt per transaction, in block order.</summary>
    public IReadOnlyList<TransactionReceipt> Receipts { get; }

    /// <summary>The final value of every account the block wrote, to pass to <see cref="IStateStore.Commit"/>.</summary>
    public IReadOnlyDictionary<Address, Account> Changes { get; }

    /// <summary>The gas used by the block's included transactions.</summary>
    public ulong GasUsed { get; }
}
