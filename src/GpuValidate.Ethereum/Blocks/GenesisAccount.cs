using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.Ethereum.Blocks;

/// <summary>One pre-funded account of a genesis <c>alloc</c>.</summary>
/// <param name="Address">The account.</param>
/// <param name="Balance">Its balance in wei.</param>
/// <param name="Nonce">Its nonce.</param>
public readonly record struct GenesisAccount(Address Address, UInt256 Balance, ulong Nonce);
