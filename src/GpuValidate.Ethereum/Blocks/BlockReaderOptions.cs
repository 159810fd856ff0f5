namespace GpuValidate.Ethereum.Blocks;

/// <summary>Limits that keep a block reader's memory bounded whatever the input.</summary>
public sealed record BlockReaderOptions
{
    /// <summary>The longest line (one block) accepted, in bytes. Default 256 MiB.</summary>
    public int MaxLineBytes { get; init; } = 256 * 1024 * 1024;

    /// <summary>The largest single transaction accepted, in bytes (decoded). Default 16 MiB.</summary>
    public int MaxTransactionBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>The most transactions one block may list. Default 1,000,000.</summary>
    public int MaxTransactionsPerBlock { get; init; } = 1_000_000;
}
