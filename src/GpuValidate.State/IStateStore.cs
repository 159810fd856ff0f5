using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.State;

/// <summary>
/// Account state as the applier sees it. Reads are thread-safe and see the last committed block;
/// writes arrive one whole block at a time through <see cref="Commit"/>, which is atomic.
/// </summary>
public interface IStateStore : IDisposable
{
    /// <summary>The number of the last block committed, or -1 when only the genesis state is present.</summary>
    long LastBlockNumber { get; }

    /// <summary>The state root after the last commit (or of the genesis state).</summary>
    Hash256 StateRoot { get; }

    /// <summary>The committed account at <paramref name="address"/>; the empty account when none is stored.</summary>
    Account GetAccount(in Address address);

    /// <summary>
    /// Applies one block's account changes atomically, records <paramref name="blockNumber"/> and returns the new
    /// state root. Accounts that become empty are deleted. Nothing is applied if this throws.
    /// </summary>
    Hash256 Commit(long blockNumber, IReadOnlyDictionary<Address, Account> changes);

    /// <summary>Every stored (non-empty) account, in address order.</summary>
    IEnumerable<KeyValuePair<Address, Account>> Accounts();
}
