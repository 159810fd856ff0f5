using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.Ethereum.Transactions;

/// <summary>One EIP-2930 access-list entry: an address and the storage keys the transaction declares it will touch.</summary>
/// <param name="Address">The account.</param>
/// <param name="StorageKeys">Its storage slots (may be empty).</param>
public sealed record AccessListEntry(Address Address, IReadOnlyList<Hash256> StorageKeys);
