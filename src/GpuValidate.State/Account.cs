using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.State;

/// <summary>An externally owned account's state: its nonce and balance in wei.</summary>
/// <param name="Nonce">The number of transactions the account has sent.</param>
/// <param name="Balance">The balance in wei.</param>
public readonly record struct Account(ulong Nonce, UInt256 Balance)
{
    /// <summary>True for an account with no nonce and no balance (EIP-161: such accounts are not stored).</summary>
    public bool IsEmpty => Nonce == 0 && Balance.IsZero;
}
