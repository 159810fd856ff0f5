using GpuValidate.Engine.Encoding;

namespace GpuValidate.Engine.Backends;

/// <summary>
/// The checks every backend makes before any curve arithmetic, so that all backends give an item the same
/// reason code: the arithmetic only ever decides between valid, <see cref="SignatureError.BadSignature"/>,
/// <see cref="SignatureError.BadPublicKey"/> (a key off the curve) and <see cref="SignatureError.RecoveryFailed"/>.
/// </summary>
internal static class ItemChecks
{
    /// <summary>ECDSA verify: r and s in [1, n-1], low S where required, a SEC1 key prefix and length.</summary>
    public static SignatureError Ecdsa(ReadOnlySpan<byte> rs64, ReadOnlySpan<byte> publicKey, bool requireLowS, out bool highS)
    {
        highS = false;
        if (!CurveBytes.IsValidScalar(rs64[..32]))
        {
            return SignatureError.ROutOfRange;
        }

        if (!CurveBytes.IsValidScalar(rs64.Slice(32, 32)))
        {
            return SignatureError.SOutOfRange;
        }

        highS = CurveBytes.IsHigh(rs64.Slice(32, 32));
        if (highS && requireLowS)
        {
            return SignatureError.HighS;
        }

        return Sec1PublicKey.HasValidPrefix(publicKey) ? SignatureError.None : SignatureError.BadPublicKey;
    }

    /// <summary>Recovery: recid 0-3, r and s in [1, n-1]; high S is accepted (ecrecover semantics).</summary>
    public static SignatureError Recover(ReadOnlySpan<byte> signature65)
    {
        if (signature65[64] > 3)
        {
            return SignatureError.BadRecoveryId;
        }

        if (!CurveBytes.IsValidScalar(signature65[..32]))
        {
            return SignatureError.ROutOfRange;
        }

        return CurveBytes.IsValidScalar(signature65.Slice(32, 32)) ? SignatureError.None : SignatureError.SOutOfRange;
    }

    /// <summary>BIP-340: r below p and s below n (BIP-340 fails both outright); the key is checked by the backend.</summary>
    public static SignatureError Schnorr(ReadOnlySpan<byte> signature64)
    {
        if (!CurveBytes.IsBelowFieldPrime(signature64[..32]))
        {
            return SignatureError.ROutOfRange;
        }

        return CurveBytes.IsBelowOrder(signature64.Slice(32, 32)) ? SignatureError.None : SignatureError.SOutOfRange;
    }
}
