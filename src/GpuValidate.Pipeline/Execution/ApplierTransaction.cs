using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.Pipeline.Execution;

/// <summary>
/// What the state applier needs from a transaction that went through stateless validation: the sender recovered
/// from its signature, the fields the transfer and fee rules read, and the verdict so far.
/// </summary>
/// <remarks>
/// Legacy and EIP-2930 transactions carry their gas price in both <see cref="MaxFeePerGas"/> and
/// <see cref="MaxPriorityFeePerGas"/>, which makes the EIP-1559 rules give the pre-London result.
/// </remarks>
public readonly record struct ApplierTransaction
{
    /// <summary>The transaction hash, carried through to receipts.</summary>
    public Hash256 Hash { get; init; }

    /// <summary>The sender recovered from the signature (meaningless when <see cref="StatelessError"/> is set).</summary>
    public Address Sender { get; init; }

    /// <summary>The recipient; null for contract creation.</summary>
    public Address? To { get; init; }

    /// <summary>The sender nonce the transaction claims.</summary>
    public ulong Nonce { get; init; }

    /// <summary>The value transferred, in wei.</summary>
    public UInt256 Value { get; init; }

    /// <summary>The gas limit.</summary>
    public ulong GasLimit { get; init; }

    /// <summary>The fee cap per gas (the gas price for legacy and EIP-2930 transactions).</summary>
    public UInt256 MaxFeePerGas { get; init; }

    /// <summary>The priority fee cap per gas (the gas price for legacy and EIP-2930 transactions).</summary>
    public UInt256 MaxPriorityFeePerGas { get; init; }

    /// <summary>The intrinsic gas: what a plain transfer uses in total.</summary>
    public ulong IntrinsicGas { get; init; }

    /// <summary>The EIP-2718 type: 0 legacy, 1 access list, 2 dynamic fee.</summary>
    public byte Type { get; init; }

    /// <summary>True when the transaction carries call data (which only an executor can run).</summary>
    public bool HasData { get; init; }

    /// <summary>The distinct addresses of the EIP-2930 access list (empty when there is none).</summary>
    public ReadOnlyMemory<Address> AccessListAddresses { get; init; }

    /// <summary>The stable reason code from stateless validation, or null when the transaction passed it.</summary>
    public string? StatelessError { get; init; }

    /// <summary>
    /// True when the transaction needs an executor: it creates a contract, carries call data, or is a blob or
    /// set-code transaction (whose blob fees and authorizations the transfer rules do not cover).
    /// </summary>
    public bool NeedsExecutor => To is null || HasData || Type > 2;
}
