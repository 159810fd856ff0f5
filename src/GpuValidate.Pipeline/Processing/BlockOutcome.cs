using GpuValidate.Ethereum.Primitives;
using GpuValidate.Pipeline.Execution;

namespace GpuValidate.Pipeline.Processing;

/// <summary>One block validated, applied and committed.</summary>
public sealed class BlockOutcome
{
    internal BlockOutcome(ulong number, ApplierTransaction[] transactions, IReadOnlyList<TransactionReceipt> receipts, ulong gasUsed, Hash256 stateRoot)
    {
        Number = number;
        Transactions = transactions;
        Receipts = receipts;
        GasUsed = gasUsed;
        StateRoot = stateRoot;
    }

    /// <summary>The block number.</summary>
    public ulong Number { get; }

    /// <summary>Each transaction as the applier saw it (hash, sender, stateless verdict), in block order.</summary>
    public IReadOnlyList<ApplierTransaction> Transactions { get; }

    /// <summary>Each transaction's receipt, in block order.</summary>
    public IReadOnlyList<TransactionReceipt> Receipts { get; }

    /// <summary>The gas the block's included transactions used.</summary>
    public ulong GasUsed { get; }

    /// <summary>The state root after the block.</summary>
    public Hash256 StateRoot { get; }
}
