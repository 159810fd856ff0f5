using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.Ethereum.Transactions;

/// <summary>
/// One EIP-7702 authorization tuple <c>[chain_id, address, nonce, y_parity, r, s]</c>. Its validity (signature,
/// chain id, nonce) is judged when the transaction is applied, not here: an invalid tuple is skipped, it does not
/// invalidate the transaction.
/// </summary>
/// <param name="ChainId">The chain it is valid on (0: any).</param>
/// <param name="Address">The code to delegate to.</param>
/// <param name="Nonce">The authority's expected nonce.</param>
/// <param name="YParity">The signature's y-parity as encoded (valid tuples have 0 or 1; the field is 8 bits wide).</param>
/// <param name="R">The signature's r.</param>
/// <param name="S">The signature's s.</param>
public readonly record struct Authorization(UInt256 ChainId, Address Address, ulong Nonce, byte YParity, UInt256 R, UInt256 S);
