namespace GpuValidate.Pipeline.Execution;

/// <summary>The stable strings of <see cref="ApplyError"/> as receipts and JSON output spell them.</summary>
public static class ApplyErrorCodes
{
    /// <summary>The stable code of <paramref name="error"/>; null for <see cref="ApplyError.None"/>.</summary>
    public static string? ToCode(this ApplyError error) => error switch
    {
        ApplyError.None => null,
        ApplyError.NonceTooLow => "nonce-too-low",
        ApplyError.NonceTooHigh => "nonce-too-high",
        ApplyError.NonceMax => "nonce-max",
        ApplyError.FeeBelowBaseFee => "fee-below-base-fee",
        ApplyError.FeeCapBelowTip => "fee-cap-below-tip",
        ApplyError.IntrinsicGasTooLow => "intrinsic-gas-too-low",
        ApplyError.InsufficientFunds => "insufficient-funds",
        ApplyError.GasLimitExceedsBlock => "gas-limit-exceeds-block",
        ApplyError.RequiresExecutor => "requires-executor",
        _ => throw new ArgumentOutOfRangeException(nameof(error)),
    };
}
