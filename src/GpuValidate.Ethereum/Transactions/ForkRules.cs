namespace GpuValidate.Ethereum.Transactions;

/// <summary>
/// The transaction-validity rules of one fork, as flags the checks read. Build one with
/// <see cref="For(Fork)"/> or <see cref="TryParse"/>; <see cref="Latest"/> is the default everywhere.
/// </summary>
public sealed record ForkRules
{
    private static readonly ForkRules[] ByFork = Enum.GetValues<Fork>().Select(f => new ForkRules(f)).ToArray();

    private ForkRules(Fork fork) => Fork = fork;

    /// <summary>The rules of the latest fork this library knows (<see cref="Transactions.Fork.Prague"/>).</summary>
    public static ForkRules Latest { get; } = For(Fork.Prague);

    /// <summary>The fork these rules belong to.</summary>
    public Fork Fork { get; }

    /// <summary>EIP-2: s must be at most n/2, and contract creation costs 32000 more.</summary>
    public bool IsHomestead => Fork >= Fork.Homestead;

    /// <summary>EIP-155: legacy transactions may carry the chain id in v.</summary>
    public bool IsEip155 => Fork >= Fork.SpuriousDragon;

    /// <summary>EIP-2028: non-zero calldata bytes cost 16 gas instead of 68.</summary>
    public bool IsIstanbul => Fork >= Fork.Istanbul;

    /// <summary>EIP-2718 and EIP-2930: typed envelopes, type 1, access lists.</summary>
    public bool IsBerlin => Fork >= Fork.Berlin;

    /// <summary>EIP-1559: type 2.</summary>
    public bool IsLondon => Fork >= Fork.London;

    /// <summary>EIP-3860: the init-code size limit and word cost.</summary>
    public bool IsShanghai => Fork >= Fork.Shanghai;

    /// <summary>EIP-4844: type 3.</summary>
    public bool IsCancun => Fork >= Fork.Cancun;

    /// <summary>EIP-7702 (type 4) and the EIP-7623 calldata floor.</summary>
    public bool IsPrague => Fork >= Fork.Prague;

    /// <summary>The most blobs one block may carry, so the most one transaction may (0 before Cancun).</summary>
    public int MaxBlobsPerBlock => IsPrague ? 9 : IsCancun ? 6 : 0;

    /// <summary>The rules of <paramref name="fork"/>.</summary>
    public static ForkRules For(Fork fork) =>
        (uint)fork < (uint)ByFork.Length ? ByFork[(int)fork] : throw new ArgumentOutOfRangeException(nameof(fork));

    /// <summary>True when the fork has transactions of <paramref name="type"/>.</summary>
    public bool Supports(TransactionType type) => type switch
    {
        TransactionType.Legacy => true,
        TransactionType.AccessList => IsBerlin,
        TransactionType.DynamicFee => IsLondon,
        TransactionType.Blob => IsCancun,
        TransactionType.SetCode => IsPrague,
        _ => false,
    };

    /// <summary>
    /// Parses a fork name, case-insensitively: the enum names, plus the aliases test suites use
    /// (<c>EIP150</c>, <c>EIP158</c>, <c>Petersburg</c>, <c>ConstantinopleFix</c>, <c>Paris</c>, <c>Merge</c>).
    /// </summary>
    public static bool TryParse(string? name, out ForkRules rules)
    {
        rules = Latest;
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        Fork? fork = name.Trim().ToUpperInvariant() switch
        {
            "EIP150" => Fork.TangerineWhistle,
            "EIP158" => Fork.SpuriousDragon,
            "PETERSBURG" or "CONSTANTINOPLEFIX" => Fork.Constantinople,
            "PARIS" or "MERGE" => Fork.London,
            _ => Enum.TryParse<Fork>(name.Trim(), ignoreCase: true, out var f) && Enum.IsDefined(f) && !char.IsAsciiDigit(name.Trim()[0]) ? f : null,
        };
        if (fork is null)
        {
            return false;
        }

        rules = For(fork.Value);
        return true;
    }

    /// <summary>The fork's name.</summary>
    public override string ToString() => Fork.ToString();
}
