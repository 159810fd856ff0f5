using GpuValidate.Ethereum.Primitives;
using GpuValidate.State;

namespace GpuValidate.Pipeline.Execution;

/// <summary>A block's writes held over the last committed state: reads fall through to the store.</summary>
internal sealed class StateOverlay(IStateStore store) : IWorldState
{
    private readonly Dictionary<Address, Account> _writes = [];

    /// <summary>Every account written so far, with its latest value.</summary>
    public Dictionary<Address, Account> Writes => _writes;

    public Account GetAccount(in Address address) =>
        _writes.TryGetValue(address, out var account) ? account : store.GetAccount(address);

    public void SetAccount(in Address address, in Account account) => _writes[address] = account;
}
