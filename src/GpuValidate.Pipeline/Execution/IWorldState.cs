using GpuValidate.Ethereum.Primitives;
using GpuValidate.State;

namespace GpuValidate.Pipeline.Execution;

/// <summary>Account state in the middle of a block, as an executor reads and writes it.</summary>
public interface IWorldState
{
    /// <summary>The account at <paramref name="address"/> as the block has left it so far.</summary>
    Account GetAccount(in Address address);

    /// <summary>Replaces the account at <paramref name="address"/>; an empty account is deleted at commit.</summary>
    void SetAccount(in Address address, in Account account);
}
