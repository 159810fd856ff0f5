using GpuValidate.Kernels.Secp256k1;

namespace GpuValidate.Kernels.Tests.Secp256k1;

/// <summary>
/// The checks the engine makes before any curve arithmetic (scalar ranges, low S, SEC1 prefix, recovery id),
/// restated in BigInteger for both oracles. Each returns <see cref="SignatureStatus.Valid"/> when the item passes.
/// </summary>
internal static class OraclePreChecks
{
    /// <summary>ECDSA r and s in [1, n-1] and, with <paramref name="requireLowS"/>, s at most n/2; <paramref name="lowS"/> is r || s with s normalised to the low half.</summary>
    public static byte Ecdsa(ReadOnlySpan<byte> rs64, bool requireLowS, out byte[] lowS)
    {
        lowS = rs64.ToArray();
        var status = Scalars(rs64);
        if (status != SignatureStatus.Valid)
        {
            return status;
        }

        var s = BigRef.FromBytes(rs64[32..]);
        bool high = s > BigRef.N / 2;
        if (high && requireLowS)
        {
            return SignatureStatus.HighS;
        }

        if (high)
        {
            BigRef.ToBytes(BigRef.N - s).CopyTo(lowS, 32);
        }

        return SignatureStatus.Valid;
    }

    /// <summary>Only 02/03 with 33 bytes and 04 with 65 bytes are keys the engine parses.</summary>
    public static bool HasSec1Prefix(ReadOnlySpan<byte> key) =>
        (key.Length == 33 && key[0] is 2 or 3) || (key.Length == 65 && key[0] == 4);

    /// <summary>BIP-340 r below p and s below n.</summary>
    public static byte Schnorr(ReadOnlySpan<byte> sig64)
    {
        if (BigRef.FromBytes(sig64[..32]) >= BigRef.P)
        {
            return SignatureStatus.ROutOfRange;
        }

        return BigRef.FromBytes(sig64[32..]) >= BigRef.N ? SignatureStatus.SOutOfRange : SignatureStatus.Valid;
    }

    /// <summary>Recovery id at most 3, then r and s in [1, n-1].</summary>
    public static byte Recover(ReadOnlySpan<byte> sig65) =>
        sig65[64] > 3 ? SignatureStatus.BadRecoveryId : Scalars(sig65[..64]);

    private static byte Scalars(ReadOnlySpan<byte> rs64)
    {
        var r = BigRef.FromBytes(rs64[..32]);
        if (r.IsZero || r >= BigRef.N)
        {
            return SignatureStatus.ROutOfRange;
        }

        var s = BigRef.FromBytes(rs64[32..]);
        return s.IsZero || s >= BigRef.N ? SignatureStatus.SOutOfRange : SignatureStatus.Valid;
    }
}
