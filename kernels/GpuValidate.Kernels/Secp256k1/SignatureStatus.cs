namespace GpuValidate.Kernels.Secp256k1;

/// <summary>
/// Per-item result bytes written by the signature kernels. The values equal those of the engine's
/// <c>SignatureError</c> enum, which this project cannot reference (dependencies point upwards only).
/// </summary>
public static class SignatureStatus
{
    /// <summary>Valid.</summary>
    public const byte Valid = 0;

    /// <summary>Well-formed, but the signature does not verify.</summary>
    public const byte BadSignature = 1;

    /// <summary>The public key does not parse or is not on the curve.</summary>
    public const byte BadPublicKey = 3;

    /// <summary>r is out of range (ECDSA: not in [1, n-1]; BIP-340: not below p).</summary>
    public const byte ROutOfRange = 4;

    /// <summary>s is out of range (ECDSA: not in [1, n-1]; BIP-340: not below n).</summary>
    public const byte SOutOfRange = 5;

    /// <summary>s is above n/2 where low-S is required.</summary>
    public const byte HighS = 6;

    /// <summary>No public key can be recovered from the signature.</summary>
    public const byte RecoveryFailed = 7;

    /// <summary>The recovery id is not 0-3.</summary>
    public const byte BadRecoveryId = 8;
}
