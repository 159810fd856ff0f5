using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.Ethereum.Transactions;

/// <summary>
/// The checks a decoded transaction must pass before any state is read: the type exists in the fork, chain id,
/// v / y-parity, r and s ranges and EIP-2 low S, fee cap against tip, init-code size, type-specific list rules
/// and intrinsic gas. Sender recovery is the one check left (it needs the signature engine).
/// </summary>
public static class TransactionRules
{
    /// <summary>The secp256k1 group order n.</summary>
    public static readonly UInt256 SecpN = new(0xBFD25E8CD0364141, 0xBAAEDCE6AF48A03B, 0xFFFFFFFFFFFFFFFE, 0xFFFFFFFFFFFFFFFF);

    /// <summary>n / 2 (rounded down): the largest s EIP-2 accepts.</summary>
    public static readonly UInt256 SecpHalfN = new(0xDFE92F46681B20A0, 0x5D576E7357A4501D, 0xFFFFFFFFFFFFFFFF, 0x7FFFFFFFFFFFFFFF);

    /// <summary>The version byte every EIP-4844 blob versioned hash starts with (KZG).</summary>
    public const byte BlobHashVersionKzg = 0x01;

    /// <summary>
    /// Runs every stateless check in a fixed order and returns the first failure, or <see cref="TransactionError.None"/>.
    /// </summary>
    public static TransactionError Check(Transaction transaction, ForkRules rules, ulong chainId)
    {
        var error = CheckSignatureValues(transaction, rules, chainId);
        return error != TransactionError.None ? error : CheckFields(transaction, rules);
    }

    /// <summary>
    /// The type is known to the fork, the chain id matches (legacy transactions without one are accepted in every
    /// fork), v / y-parity is one the type allows, r and s lie in [1, n-1], and s &lt;= n/2 from Homestead.
    /// </summary>
    public static TransactionError CheckSignatureValues(Transaction transaction, ForkRules rules, ulong chainId)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(rules);
        if (!rules.Supports(transaction.Type))
        {
            return TransactionError.UnsupportedType;
        }

        if (transaction.Type == TransactionType.Legacy)
        {
            if (transaction.YParity == Transaction.InvalidYParity)
            {
                return TransactionError.BadV;
            }

            if (transaction.ChainId is { } legacyChainId)
            {
                // Before EIP-155, v must be 27 or 28: a protected v is just a wrong recovery id.
                if (!rules.IsEip155)
                {
                    return TransactionError.BadV;
                }

                if (legacyChainId != new UInt256(chainId))
                {
                    return TransactionError.WrongChainId;
                }
            }
        }
        else
        {
            if (transaction.ChainId != new UInt256(chainId))
            {
                return TransactionError.WrongChainId;
            }

            if (transaction.YParity == Transaction.InvalidYParity)
            {
                return TransactionError.BadV;
            }
        }

        if (transaction.R.IsZero || transaction.R >= SecpN || transaction.S.IsZero || transaction.S >= SecpN)
        {
            return TransactionError.BadSignature;
        }

        return rules.IsHomestead && transaction.S > SecpHalfN ? TransactionError.HighS : TransactionError.None;
    }

    /// <summary>Fee cap against tip, init-code size, blob and authorization list rules, and intrinsic gas.</summary>
    public static TransactionError CheckFields(Transaction transaction, ForkRules rules)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(rules);
        if (transaction.MaxFeePerGas < transaction.MaxPriorityFeePerGas)
        {
            return TransactionError.FeeCapBelowTip;
        }

        if (rules.IsShanghai && transaction.IsContractCreation && transaction.Data.Length > IntrinsicGas.MaxInitCodeSize)
        {
            return TransactionError.InitCodeTooLarge;
        }

        if (transaction.Type == TransactionType.Blob)
        {
            var hashes = transaction.BlobVersionedHashes;
            if (hashes.Count == 0)
            {
                return TransactionError.NoBlobHashes;
            }

            if (hashes.Count > rules.MaxBlobsPerBlock)
            {
                return TransactionError.TooManyBlobs;
            }

            Span<byte> first = stackalloc byte[Hash256.Size];
            foreach (var hash in hashes)
            {
                hash.WriteTo(first);
                if (first[0] != BlobHashVersionKzg)
                {
                    return TransactionError.BadBlobHashVersion;
                }
            }
        }

        if (transaction.Type == TransactionType.SetCode && transaction.AuthorizationList.Count == 0)
        {
            return TransactionError.EmptyAuthorizationList;
        }

        var required = Math.Max(IntrinsicGas.Of(transaction, rules), IntrinsicGas.FloorOf(transaction, rules));
        return transaction.GasLimit < required ? TransactionError.IntrinsicGasTooLow : TransactionError.None;
    }
}
