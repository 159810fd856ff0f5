using GpuValidate.Kernels.Hashing;

namespace GpuValidate.Kernels.Secp256k1;

/// <summary>
/// ECDSA verification and public-key recovery as libsecp256k1 computes them, on 32-byte big-endian values held as
/// <see cref="Digest256"/>. Kernel-safe; the checks run in the engine's order so every backend gives an item the
/// same <see cref="SignatureStatus"/>.
/// </summary>
public static class Ecdsa
{
    /// <summary>
    /// Verifies (r, s) over <paramref name="digest"/> against a SEC1 key given as its prefix byte, the words after
    /// it and its length. r, s must be in [1, n-1]; with <paramref name="requireLowS"/> s above n/2 fails (as
    /// <c>secp256k1_ecdsa_verify</c>); without it, a high s verifies as plain ECDSA. The digest is reduced mod n.
    /// </summary>
    public static byte Verify<TTable>(
        in TTable g, in Digest256 digest, in Digest256 r, in Digest256 s, int prefix, in Digest256 x, in Digest256 y, int keyLength, bool requireLowS)
        where TTable : struct, IGeneratorTable
    {
        if (!Scalar.IsValidNonZero(r))
        {
            return SignatureStatus.ROutOfRange;
        }

        if (!Scalar.IsValidNonZero(s))
        {
            return SignatureStatus.SOutOfRange;
        }

        var sn = Scalar.FromDigest(s);
        if (requireLowS && sn.IsHigh)
        {
            return SignatureStatus.HighS;
        }

        if (!AffinePoint.TryDecode(prefix, x, y, keyLength, out var q))
        {
            return SignatureStatus.BadPublicKey;
        }

        var rn = Scalar.FromDigest(r);
        var w = Scalar.Inv(sn);
        var u1 = Scalar.Mul(Scalar.FromDigest(digest), w);
        var u2 = Scalar.Mul(rn, w);
        var point = EcMult.DoubleBase(g, u1, q, u2);
        return MatchesR(point, r) ? SignatureStatus.Valid : SignatureStatus.BadSignature;
    }

    /// <summary>
    /// Recovers the key that signed <paramref name="digest"/> with (r, s) and recovery id 0-3 (Ethereum's ecrecover;
    /// high s accepted). Ids 2 and 3 take R.x = r + n, possible only when r + n &lt; p. On failure the key is zero.
    /// </summary>
    public static byte Recover<TTable>(in TTable g, in Digest256 digest, in Digest256 r, in Digest256 s, int recoveryId, out AffinePoint key)
        where TTable : struct, IGeneratorTable
    {
        key = default;
        if (recoveryId < 0 || recoveryId > 3)
        {
            return SignatureStatus.BadRecoveryId;
        }

        if (!Scalar.IsValidNonZero(r))
        {
            return SignatureStatus.ROutOfRange;
        }

        if (!Scalar.IsValidNonZero(s))
        {
            return SignatureStatus.SOutOfRange;
        }

        var rx = FieldElement.FromDigest(r);
        if ((recoveryId & 2) != 0)
        {
            if (!TryAddOrder(rx, out rx))
            {
                return SignatureStatus.RecoveryFailed;
            }
        }

        if (!AffinePoint.TryFromX(rx, (recoveryId & 1) != 0, out var bigR))
        {
            return SignatureStatus.RecoveryFailed;
        }

        var rInv = Scalar.Inv(Scalar.FromDigest(r));
        var u1 = Scalar.Negate(Scalar.Mul(Scalar.FromDigest(digest), rInv));
        var u2 = Scalar.Mul(Scalar.FromDigest(s), rInv);
        var point = EcMult.DoubleBase(g, u1, bigR, u2);
        if (point.IsInfinity)
        {
            return SignatureStatus.RecoveryFailed;
        }

        key = JacobianPoint.ToAffine(point);
        return SignatureStatus.Valid;
    }

    /// <summary>
    /// libsecp256k1's R-check without inversion: x(R) mod n == r, tested as r Z^2 == X and, where r + n &lt; p,
    /// (r + n) Z^2 == X.
    /// </summary>
    public static bool MatchesR(in JacobianPoint point, in Digest256 r)
    {
        if (point.IsInfinity)
        {
            return false;
        }

        var rx = FieldElement.FromDigest(r);
        if (JacobianPoint.HasAffineX(point, rx))
        {
            return true;
        }

        return TryAddOrder(rx, out var rxn) && JacobianPoint.HasAffineX(point, rxn);
    }

    // x + n as a field element, when x + n < p (x is below n). The modular sum wraps exactly when x + n >= p,
    // and then lands below n, so "sum >= n" tells the two apart.
    private static bool TryAddOrder(in FieldElement x, out FieldElement sum)
    {
        var order = new FieldElement(0xD0364141u, 0xBFD25E8Cu, 0xAF48A03Bu, 0xBAAEDCE6u, 0xFFFFFFFEu, 0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu);
        sum = FieldElement.Add(x, order);
        return !Scalar.IsBelowOrder(sum.ToDigest());
    }
}
