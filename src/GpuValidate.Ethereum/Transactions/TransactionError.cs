namespace GpuValidate.Ethereum.Transactions;

/// <summary>
/// Why a transaction is invalid before any state is consulted; <see cref="None"/> when it passes. Each value has
/// a stable string code (<see cref="TransactionErrorCodes.ToCode"/>) used in JSON output.
/// </summary>
public enum TransactionError : byte
{
    /// <summary>Valid.</summary>
    None = 0,

    /// <summary><c>bad-input</c>: the input is not a transaction at all (blank line, not hex, empty).</summary>
    BadInput,

    /// <summary><c>malformed-rlp</c>: not canonical RLP, wrong field count or shape, a fixed-size field of the wrong length, or trailing bytes.</summary>
    MalformedRlp,

    /// <summary><c>unsupported-type</c>: an unknown type byte, or a type the selected fork does not have yet.</summary>
    UnsupportedType,

    /// <summary><c>value-out-of-range</c>: an integer wider than its field (nonce or gas above 64 bits, amounts above 256 bits).</summary>
    ValueOutOfRange,

    /// <summary><c>missing-to</c>: a blob or set-code transaction without a recipient (they cannot create contracts).</summary>
    MissingTo,

    /// <summary><c>wrong-chain-id</c>: the chain id (typed field, or EIP-155 v) differs from the configured one.</summary>
    WrongChainId,

    /// <summary><c>bad-v</c>: v is not 27/28 or chainId*2+35/36 (legacy, as the fork allows), or the y-parity is not 0/1 (typed).</summary>
    BadV,

    /// <summary><c>high-s</c>: s above n/2 from Homestead on (EIP-2).</summary>
    HighS,

    /// <summary><c>bad-signature</c>: r or s is zero or not below the group order, or no sender can be recovered.</summary>
    BadSignature,

    /// <summary><c>fee-cap-below-tip</c>: max fee per gas below max priority fee per gas.</summary>
    FeeCapBelowTip,

    /// <summary><c>init-code-too-large</c>: contract creation with init code above 49152 bytes (EIP-3860, Shanghai).</summary>
    InitCodeTooLarge,

    /// <summary><c>intrinsic-gas-too-low</c>: the gas limit is below the intrinsic gas (or, from Prague, the EIP-7623 calldata floor).</summary>
    IntrinsicGasTooLow,

    /// <summary><c>empty-authorization-list</c>: a set-code transaction with no authorizations (EIP-7702).</summary>
    EmptyAuthorizationList,

    /// <summary><c>no-blob-hashes</c>: a blob transaction with no blob versioned hashes (EIP-4844).</summary>
    NoBlobHashes,

    /// <summary><c>bad-blob-hash-version</c>: a blob versioned hash whose first byte is not 0x01 (KZG).</summary>
    BadBlobHashVersion,

    /// <summary><c>too-many-blobs</c>: more blob hashes than a block of the fork can hold (6 in Cancun, 9 in Prague).</summary>
    TooManyBlobs,
}
