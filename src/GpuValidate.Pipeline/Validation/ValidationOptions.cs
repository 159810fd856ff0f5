using GpuValidate.Ethereum.Transactions;

namespace GpuValidate.Pipeline.Validation;

/// <summary>The chain and fork a batch is validated for.</summary>
public sealed record ValidationOptions
{
    /// <summary>The chain id transactions must carry (legacy transactions without one are accepted). Default 1 (mainnet).</summary>
    public ulong ChainId { get; init; } = 1;

    /// <summary>The fork whose rules apply. Default: the latest.</summary>
    public ForkRules Fork { get; init; } = ForkRules.Latest;
}
