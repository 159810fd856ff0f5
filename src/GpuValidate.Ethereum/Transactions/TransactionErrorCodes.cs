namespace GpuValidate.Ethereum.Transactions;

/// <summary>The stable strings that JSON output uses for <see cref="TransactionError"/>.</summary>
public static class TransactionErrorCodes
{
    private static readonly string?[] Codes =
    [
        null,
        "bad-input",
        "malformed-rlp",
        "unsupported-type",
        "value-out-of-range",
        "missing-to",
        "wrong-chain-id",
        "bad-v",
        "high-s",
        "bad-signature",
        "fee-cap-below-tip",
        "init-code-too-large",
        "intrinsic-gas-too-low",
        "empty-authorization-list",
        "no-blob-hashes",
        "bad-blob-hash-version",
        "too-many-blobs",
    ];

    /// <summary>Every error other than <see cref="TransactionError.None"/>, in enum order.</summary>
    public static IReadOnlyList<TransactionError> All { get; } =
        Enumerable.Range(1, Codes.Length - 1).Select(i => (TransactionError)i).ToArray();

    /// <summary>The stable code of an error, e.g. <c>high-s</c>; <c>null</c> for <see cref="TransactionError.None"/>.</summary>
    public static string? ToCode(this TransactionError error) =>
        (int)error < Codes.Length ? Codes[(int)error] : throw new ArgumentOutOfRangeException(nameof(error));

    /// <summary>Parses a stable code back to its error; false for anything unknown.</summary>
    public static bool TryParse(string? code, out TransactionError error)
    {
        for (var i = 1; i < Codes.Length; i++)
        {
            if (string.Equals(Codes[i], code, StringComparison.Ordinal))
            {
                error = (TransactionError)i;
                return true;
            }
        }

        error = TransactionError.None;
        return false;
    }
}
