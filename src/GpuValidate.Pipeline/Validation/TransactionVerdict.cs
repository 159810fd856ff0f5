using GpuValidate.Ethereum.Primitives;
using GpuValidate.Ethereum.Transactions;

namespace GpuValidate.Pipeline.Validation;

/// <summary>
/// The stateless verdict on one raw transaction: valid with its sender, or invalid with one reason. The hashes
/// are set whenever the transaction decoded (<see cref="IsDecoded"/>), valid or not.
/// </summary>
/// <param name="Error">Why it is invalid, or <see cref="TransactionError.None"/>.</param>
/// <param name="Transaction">The decoded transaction, or null when it did not decode.</param>
/// <param name="Hash">Keccak-256 of the raw transaction.</param>
/// <param name="SigningHash">Keccak-256 of the signing payload.</param>
/// <param name="Sender">The recovered sender: set whenever the signature recovered, even when another check failed; zero when it did not.</param>
public readonly record struct TransactionVerdict(
    TransactionError Error,
    Transaction? Transaction,
    Hash256 Hash,
    Hash256 SigningHash,
    Address Sender)
{
    /// <summary>True when every stateless check passed and the sender was recovered.</summary>
    public bool IsValid => Error == TransactionError.None;

    /// <summary>True when the bytes decoded as a transaction (so the type, nonce and hashes are known).</summary>
    public bool IsDecoded => Transaction is not null;
}
