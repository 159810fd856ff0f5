using GpuValidate.State;

namespace GpuValidate.Pipeline.Execution;

/// <summary>Applies one block's transactions to state with the result of sequential block order.</summary>
public interface IBlockApplier
{
    /// <summary>
    /// Applies <paramref name="transactions"/> on top of <paramref name="state"/>'s last committed block and returns
    /// the receipts and changed accounts; it does not commit.
    /// </summary>
    BlockApplyResult Apply(in BlockEnvironment block, ReadOnlyMemory<ApplierTransaction> transactions, IStateStore state);
}
