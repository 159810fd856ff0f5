namespace GpuValidate.Ethereum.Blocks;

/// <summary>A genesis file: the chain id and the initial accounts, in file order, each address once.</summary>
public sealed record Genesis
{
    /// <summary>The chain id from <c>config.chainId</c>.</summary>
    public ulong ChainId { get; init; }

    /// <summary>The initial accounts.</summary>
    public IReadOnlyList<GenesisAccount> Alloc { get; init; } = [];
}
