namespace GpuValidate.Pipeline.Execution;

/// <summary>Why the state transition rejects a transaction that passed stateless validation.</summary>
public enum ApplyError
{
    /// <summary>Applied.</summary>
    None,

    /// <summary>The nonce is below the sender account's.</summary>
    NonceTooLow,

    /// <summary>The nonce is above the sender account's.</summary>
    NonceTooHigh,

    /// <summary>The sender nonce is at its maximum (EIP-2681).</summary>
    NonceMax,

    /// <summary>The fee cap (or gas price) is below the block base fee.</summary>
    FeeBelowBaseFee,

    /// <summary>The priority fee cap exceeds the fee cap.</summary>
    FeeCapBelowTip,

    /// <summary>The gas limit is below the intrinsic gas.</summary>
    IntrinsicGasTooLow,

    /// <summary>The balance does not cover value + gas limit x fee cap.</summary>
    InsufficientFunds,

    /// <summary>The gas limit exceeds the gas left in the block.</summary>
    GasLimitExceedsBlock,

    /// <summary>A contract creation or call with no executor plugged in.</summary>
    RequiresExecutor,
}
