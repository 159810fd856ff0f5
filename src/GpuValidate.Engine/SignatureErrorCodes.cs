namespace GpuValidate.Engine;

/// <summary>The stable strings that JSON output uses for <see cref="SignatureError"/>.</summary>
public static class SignatureErrorCodes
{
    /// <summary>The stable code of an error, e.g. <c>bad-signature</c>; <c>null</c> for <see cref="SignatureError.None"/>.</summary>
    public static string? ToCode(this SignatureError error) => error switch
    {
        SignatureError.None => null,
        SignatureError.BadSignature => "bad-signature",
        SignatureError.BadDer => "bad-der",
        SignatureError.BadPublicKey => "bad-pubkey",
        SignatureError.ROutOfRange => "r-out-of-range",
        SignatureError.SOutOfRange => "s-out-of-range",
        SignatureError.HighS => "high-s",
        SignatureError.RecoveryFailed => "recovery-failed",
        SignatureError.BadRecoveryId => "bad-recovery-id",
        SignatureError.BadInput => "bad-input",
        _ => throw new ArgumentOutOfRangeException(nameof(error)),
    };
}
