using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.Ethereum.Blocks;

/// <summary>
/// One block of input: its header fields and its raw transactions, in order. The transactions are bytes as
/// given (typed envelopes or legacy RLP), not yet decoded: a transaction that does not decode gets its own
/// verdict when the block is validated.
/// </summary>
public sealed record Block
{
    /// <summary>The block number.</summary>
    public ulong Number { get; init; }

    /// <summary>The fee recipient.</summary>
    public Address Coinbase { get; init; }

    /// <summary>The EIP-1559 base fee per gas (zero before London).</summary>
    public UInt256 BaseFee { get; init; }

    /// <summary>The block gas limit.</summary>
    public ulong GasLimit { get; init; }

    /// <summary>The timestamp, in seconds since the Unix epoch.</summary>
    public ulong Timestamp { get; init; }

    /// <summary>The chain id, when the file gives one; null to use the configured chain id.</summary>
    public ulong? ChainId { get; init; }

    /// <summary>The raw transactions.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Transactions { get; init; } = [];
}
