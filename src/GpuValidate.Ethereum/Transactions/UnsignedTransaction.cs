using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.Ethereum.Transactions;

/// <summary>
/// The fields of a transaction before it is signed, for <see cref="TransactionEncoder"/>. Fields a type does
/// not have are ignored when encoding it. For legacy, a null <see cref="ChainId"/> means no EIP-155 protection.
/// </summary>
public sealed record UnsignedTransaction
{
    /// <summary>The transaction type.</summary>
    public TransactionType Type { get; init; } = TransactionType.DynamicFee;

    /// <summary>The chain id (required for typed transactions; optional, EIP-155, for legacy).</summary>
    public UInt256? ChainId { get; init; }

    /// <summary>The sender's nonce.</summary>
    public ulong Nonce { get; init; }

    /// <summary>Gas price (legacy, type 1): sets both <see cref="MaxFeePerGas"/> and <see cref="MaxPriorityFeePerGas"/>.</summary>
    public UInt256 GasPrice
    {
        get => MaxFeePerGas;
        init
        {
            MaxFeePerGas = value;
            MaxPriorityFeePerGas = value;
        }
    }

    /// <summary>Max fee per gas (types 2-4); the gas price for legacy and type 1.</summary>
    public UInt256 MaxFeePerGas { get; init; }

    /// <summary>Max priority fee per gas (types 2-4).</summary>
    public UInt256 MaxPriorityFeePerGas { get; init; }

    /// <summary>The gas limit.</summary>
    public ulong GasLimit { get; init; }

    /// <summary>The recipient; null for contract creation (legacy, types 1 and 2 only).</summary>
    public Address? To { get; init; }

    /// <summary>The value transferred, in wei.</summary>
    public UInt256 Value { get; init; }

    /// <summary>Call data or init code.</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>The access list (types 1-4).</summary>
    public IReadOnlyList<AccessListEntry> AccessList { get; init; } = [];

    /// <summary>Max fee per blob gas (type 3).</summary>
    public UInt256 MaxFeePerBlobGas { get; init; }

    /// <summary>Blob versioned hashes (type 3).</summary>
    public IReadOnlyList<Hash256> BlobVersionedHashes { get; init; } = [];

    /// <summary>The authorization list (type 4).</summary>
    public IReadOnlyList<Authorization> AuthorizationList { get; init; } = [];
}
