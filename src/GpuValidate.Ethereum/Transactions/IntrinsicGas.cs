namespace GpuValidate.Ethereum.Transactions;

/// <summary>The gas a transaction costs before any code runs, per fork, and the EIP-7623 calldata floor.</summary>
public static class IntrinsicGas
{
    /// <summary>Every transaction.</summary>
    public const ulong Transaction = 21_000;

    /// <summary>Extra for contract creation from Homestead.</summary>
    public const ulong ContractCreation = 32_000;

    /// <summary>Per zero calldata byte.</summary>
    public const ulong ZeroByte = 4;

    /// <summary>Per non-zero calldata byte before Istanbul.</summary>
    public const ulong NonZeroByteFrontier = 68;

    /// <summary>Per non-zero calldata byte from Istanbul (EIP-2028).</summary>
    public const ulong NonZeroByteIstanbul = 16;

    /// <summary>Per access-list address (EIP-2930).</summary>
    public const ulong AccessListAddress = 2_400;

    /// <summary>Per access-list storage key (EIP-2930).</summary>
    public const ulong AccessListStorageKey = 1_900;

    /// <summary>Per 32-byte word of init code from Shanghai (EIP-3860).</summary>
    public const ulong InitCodeWord = 2;

    /// <summary>The largest init code from Shanghai (EIP-3860): twice the 24576-byte code limit.</summary>
    public const int MaxInitCodeSize = 49_152;

    /// <summary>Per authorization tuple (EIP-7702 PER_EMPTY_ACCOUNT_COST).</summary>
    public const ulong Authorization = 25_000;

    /// <summary>Per calldata token for the EIP-7623 floor (a zero byte is one token, a non-zero byte four).</summary>
    public const ulong FloorPerToken = 10;

    /// <summary>The intrinsic gas of <paramref name="transaction"/> under <paramref name="rules"/>.</summary>
    public static ulong Of(Transaction transaction, ForkRules rules)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(rules);
        var data = transaction.Data.Span;
        var zeros = (ulong)CountZeros(data);
        var nonZeros = (ulong)data.Length - zeros;
        var gas = Transaction + (zeros * ZeroByte) + (nonZeros * (rules.IsIstanbul ? NonZeroByteIstanbul : NonZeroByteFrontier));
        if (transaction.IsContractCreation)
        {
            if (rules.IsHomestead)
            {
                gas += ContractCreation;
            }

            if (rules.IsShanghai)
            {
                gas += InitCodeWord * (((ulong)data.Length + 31) / 32);
            }
        }

        gas += (ulong)transaction.AccessListAddressCount * AccessListAddress;
        gas += (ulong)transaction.AccessListStorageKeyCount * AccessListStorageKey;
        gas += (ulong)transaction.AuthorizationList.Count * Authorization;
        return gas;
    }

    /// <summary>The EIP-7623 floor (Prague): 21000 + 10 per calldata token; 0 before Prague.</summary>
    public static ulong FloorOf(Transaction transaction, ForkRules rules)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(rules);
        if (!rules.IsPrague)
        {
            return 0;
        }

        var data = transaction.Data.Span;
        var zeros = (ulong)CountZeros(data);
        var tokens = zeros + (4 * ((ulong)data.Length - zeros));
        return Transaction + (tokens * FloorPerToken);
    }

    private static int CountZeros(ReadOnlySpan<byte> data) => data.Count((byte)0);
}
