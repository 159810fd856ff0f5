using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.Pipeline.Workloads;

/// <summary>The shape of a generated transfer workload.</summary>
public sealed record TransferWorkloadOptions
{
    /// <summary>The number of blocks.</summary>
    public int Blocks { get; init; } = 10;

    /// <summary>Transactions per block.</summary>
    public int TransactionsPerBlock { get; init; } = 1000;

    /// <summary>The number of accounts senders and recipients are drawn from (at least 2): fewer means more conflicts.</summary>
    public int Accounts { get; init; } = 1000;

    /// <summary>The fraction of transfers paid to one hot account (an exchange's deposit address), 0 to 1.</summary>
    public double HotFraction { get; init; }

    /// <summary>The seed of keys and choices: the same options give the same bytes.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The chain id signed into every transaction.</summary>
    public ulong ChainId { get; init; } = 1;

    /// <summary>The base fee of every block: 1 gwei.</summary>
    public UInt256 BaseFee { get; init; } = new(1_000_000_000);

    /// <summary>Each account's genesis balance: 1,000,000 ether.</summary>
    public UInt256 GenesisBalance { get; init; } = UInt256.TryParse("1000000000000000000000000", out var b) ? b : default;

    /// <summary>The number of the first block.</summary>
    public ulong FirstBlock { get; init; } = 1;

    /// <summary>Checks the options; returns the problem, or null when they can be used.</summary>
    public string? Validate() =>
        Blocks < 1 ? "--blocks must be at least 1"
        : TransactionsPerBlock < 1 ? "--txs-per-block must be at least 1"
        : Accounts < 2 ? "--accounts must be at least 2"
        : HotFraction is < 0 or > 1 || double.IsNaN(HotFraction) ? "--hot-fraction must be between 0 and 1"
        : ChainId == 0 ? "--chain-id must be positive"
        : null;
}
