namespace GpuValidate.Engine.Backends.Hybrid;

/// <summary>The operations whose rates a <see cref="HybridEngine"/> tracks separately: their costs differ per device.</summary>
public enum HybridOperation
{
    /// <summary>ECDSA verify.</summary>
    VerifyEcdsa,

    /// <summary>BIP-340 verify.</summary>
    VerifySchnorr,

    /// <summary>Public-key recovery.</summary>
    Recover,

    /// <summary>Fused signing hash, recovery and address.</summary>
    RecoverSenders,

    /// <summary>Keccak-256.</summary>
    Keccak256,
}
