namespace GpuValidate.Ethereum.Transactions;

/// <summary>The EIP-2718 transaction type: the first byte of a typed envelope, or <see cref="Legacy"/> for a bare RLP list.</summary>
public enum TransactionType : byte
{
    /// <summary>A legacy transaction (an RLP list, no type byte), with or without an EIP-155 chain id.</summary>
    Legacy = 0,

    /// <summary>EIP-2930: gas price plus an access list.</summary>
    AccessList = 1,

    /// <summary>EIP-1559: max fee and max priority fee per gas.</summary>
    DynamicFee = 2,

    /// <summary>EIP-4844: blob-carrying transaction (max fee per blob gas, blob versioned hashes).</summary>
    Blob = 3,

    /// <summary>EIP-7702: set-code transaction with an authorization list.</summary>
    SetCode = 4,
}
