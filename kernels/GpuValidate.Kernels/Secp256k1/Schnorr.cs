using GpuValidate.Kernels.Hashing;

namespace GpuValidate.Kernels.Secp256k1;

/// <summary>BIP-340 Schnorr verification over messages of any length. Kernel-safe except where marked CPU.</summary>
public static class Schnorr
{
    /// <summary>The BIP-340 challenge tag.</summary>
    public const string ChallengeTag = "BIP0340/challenge";

    /// <summary>
    /// Verifies a signature (r, s) by x-only key <paramref name="px"/>, given the challenge digest
    /// H_challenge(r || px || m): r must be below p and s below n, px must lift to a curve point, and
    /// R = s G - e P must be finite with even y and x(R) = r.
    /// </summary>
    public static byte Verify<TTable>(in TTable g, in Digest256 px, in Digest256 r, in Digest256 s, in Digest256 challenge)
        where TTable : struct, IGeneratorTable
    {
        if (!FieldElement.IsBelowPrime(r))
        {
            return SignatureStatus.ROutOfRange;
        }

        if (!Scalar.IsBelowOrder(s))
        {
            return SignatureStatus.SOutOfRange;
        }

        if (!AffinePoint.TryLiftX(px, out var p))
        {
            return SignatureStatus.BadPublicKey;
        }

        var minusE = Scalar.Negate(Scalar.FromDigest(challenge));
        var point = EcMult.DoubleBase(g, Scalar.FromDigest(s), p, minusE);

        // Compare x in Jacobian form first: a failing signature then costs no inversion.
        if (!JacobianPoint.HasAffineX(point, FieldElement.FromDigest(r)))
        {
            return SignatureStatus.BadSignature;
        }

        return JacobianPoint.ToAffine(point).Y.IsOdd ? SignatureStatus.BadSignature : SignatureStatus.Valid;
    }
}
