namespace GpuValidate.Engine;

/// <summary>Why one signature item failed; <see cref="None"/> when it is valid.</summary>
public enum SignatureError : byte
{
    /// <summary>Valid.</summary>
    None = 0,

    /// <summary>Well-formed, but the signature does not verify.</summary>
    BadSignature,

    /// <summary>The DER encoding breaks BIP-66's strict rules.</summary>
    BadDer,

    /// <summary>The public key does not parse or is not on the curve.</summary>
    BadPublicKey,

    /// <summary>r is zero or not below the group order.</summary>
    ROutOfRange,

    /// <summary>s is zero or not below the group order.</summary>
    SOutOfRange,

    /// <summary>s is above n/2 where low-S is required.</summary>
    HighS,

    /// <summary>No public key can be recovered from the signature.</summary>
    RecoveryFailed,

    /// <summary>The recovery id is not 0-3.</summary>
    BadRecoveryId,

    /// <summary>The item itself is malformed (wrong lengths, missing fields).</summary>
    BadInput,
}
