using System.Numerics;
using System.Security.Cryptography;
using GpuValidate.Kernels.Secp256k1;
using NBitcoin.Secp256k1;
using NbScalar = NBitcoin.Secp256k1.Scalar;
using SHA256 = System.Security.Cryptography.SHA256;

namespace GpuValidate.Kernels.Tests.Secp256k1;

/// <summary>
/// The expected status of an item from NBitcoin.Secp256k1 (a port of libsecp256k1), with the engine's pre-checks
/// (range, low-S, SEC1 prefix) restated in BigInteger. Independent of the kernels' arithmetic.
/// </summary>
internal static class NBitcoinOracle
{
    private static readonly byte[] ChallengeTag = SHA256.HashData("BIP0340/challenge"u8);

    public static Context Context => Context.Instance;

    public static byte Ecdsa(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> rs64, ReadOnlySpan<byte> key, bool requireLowS)
    {
        var status = OraclePreChecks.Ecdsa(rs64, requireLowS, out var lowS);
        if (status != SignatureStatus.Valid)
        {
            return status;
        }

        if (!OraclePreChecks.HasSec1Prefix(key) || !ECPubKey.TryCreate(key, Context, out _, out var pub) || pub is null)
        {
            return SignatureStatus.BadPublicKey;
        }

        if (!SecpECDSASignature.TryCreateFromCompact(lowS, out var signature) || signature is null)
        {
            return SignatureStatus.BadSignature;
        }

        return pub.SigVerify(signature, digest32) ? SignatureStatus.Valid : SignatureStatus.BadSignature;
    }

    public static byte Schnorr(ReadOnlySpan<byte> px32, ReadOnlySpan<byte> sig64, ReadOnlySpan<byte> message)
    {
        var status = OraclePreChecks.Schnorr(sig64);
        if (status != SignatureStatus.Valid)
        {
            return status;
        }

        if (!ECXOnlyPubKey.TryCreate(px32, Context, out var key) || key is null)
        {
            return SignatureStatus.BadPublicKey;
        }

        if (!SecpSchnorrSignature.TryCreate(sig64, out var signature) || signature is null)
        {
            return SignatureStatus.BadSignature;
        }

        if (message.Length == 32)
        {
            return key.SigVerifyBIP340(signature, message) ? SignatureStatus.Valid : SignatureStatus.BadSignature;
        }

        // Any other length: the same equation from the library's primitives (its verify takes 32 bytes only).
        using var challenge = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        challenge.AppendData(ChallengeTag);
        challenge.AppendData(ChallengeTag);
        challenge.AppendData(sig64[..32]);
        challenge.AppendData(px32);
        challenge.AppendData(message);
        var e = new NbScalar(challenge.GetHashAndReset(), out _);
        var point = Context.EcMultContext.Mult(key.Q.ToGroupElementJacobian(), e.Negate(), signature.s);
        if (point.IsInfinity)
        {
            return SignatureStatus.BadSignature;
        }

        var affine = point.ToGroupElementVariable();
        return !affine.y.NormalizeVariable().IsOdd && affine.x.NormalizeVariable().EqualsVariable(signature.rx.NormalizeVariable())
            ? SignatureStatus.Valid
            : SignatureStatus.BadSignature;
    }

    public static byte Recover(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> sig65, out byte[] publicKey64)
    {
        publicKey64 = new byte[64];
        var status = OraclePreChecks.Recover(sig65);
        if (status != SignatureStatus.Valid)
        {
            return status;
        }

        // libsecp256k1 refuses ids 2 and 3 unless r + n < p; NBitcoin.Secp256k1 4.0.4 does not, so the rule is
        // restated here (the native oracle checks it independently).
        if (sig65[64] >= 2 && BigRef.FromBytes(sig65[..32]) + BigRef.N >= BigRef.P)
        {
            return SignatureStatus.RecoveryFailed;
        }

        if (!SecpRecoverableECDSASignature.TryCreateFromCompact(sig65[..64], sig65[64], out var signature) || signature is null
            || !ECPubKey.TryRecover(Context, signature, digest32, out var key) || key is null)
        {
            return SignatureStatus.RecoveryFailed;
        }

        var serialized = new byte[65];
        key.WriteToSpan(false, serialized, out _);
        publicKey64 = serialized[1..];
        return SignatureStatus.Valid;
    }

    /// <summary>A random private key and NBitcoin's public key for it.</summary>
    public static ECPrivKey NewKey(Random random)
    {
        var bytes = new byte[32];
        while (true)
        {
            random.NextBytes(bytes);
            if (ECPrivKey.TryCreate(bytes, Context, out var key) && key is not null)
            {
                return key;
            }
        }
    }

    public static byte[] PublicKey(ECPrivKey key, bool compressed)
    {
        var bytes = new byte[compressed ? 33 : 65];
        key.CreatePubKey().WriteToSpan(compressed, bytes, out _);
        return bytes;
    }

    public static byte[] SignEcdsa(ECPrivKey key, ReadOnlySpan<byte> digest32)
    {
        var sig = new byte[64];
        key.SignECDSARFC6979(digest32).WriteCompactToSpan(sig);
        return sig;
    }

    public static byte[] SignRecoverable(ECPrivKey key, ReadOnlySpan<byte> digest32)
    {
        var sig = new byte[65];
        Assert.True(key.TrySignRecoverable(digest32, out var signature) && signature is not null);
        signature!.WriteToSpanCompact(sig.AsSpan(0, 64), out var recid);
        sig[64] = (byte)recid;
        return sig;
    }

    public static byte[] XOnly(ECPrivKey key)
    {
        var bytes = new byte[32];
        key.CreateXOnlyPubKey().WriteToSpan(bytes);
        return bytes;
    }

    public static byte[] SignSchnorr(ECPrivKey key, ReadOnlySpan<byte> message32)
    {
        var sig = new byte[64];
        key.SignBIP340(message32).WriteToSpan(sig);
        return sig;
    }

    /// <summary>BIP-340 signing over any message length in BigInteger (deterministic nonce from the inputs; test use only).</summary>
    public static byte[] SignSchnorrAnyLength(BigInteger secret, ReadOnlySpan<byte> message, out byte[] px32)
    {
        var p = BigPoint.Mul(secret, BigPoint.G)!;
        var d = p.Y.IsEven ? secret : BigRef.N - secret;
        px32 = BigRef.ToBytes(p.X);
        var k0 = BigRef.Mod(BigRef.FromBytes(SHA256.HashData([.. BigRef.ToBytes(d), .. message])), BigRef.N);
        if (k0.IsZero)
        {
            k0 = 1;
        }

        var rPoint = BigPoint.Mul(k0, BigPoint.G)!;
        var k = rPoint.Y.IsEven ? k0 : BigRef.N - k0;
        var rx = BigRef.ToBytes(rPoint.X);
        using var challenge = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        challenge.AppendData(ChallengeTag);
        challenge.AppendData(ChallengeTag);
        challenge.AppendData(rx);
        challenge.AppendData(px32);
        challenge.AppendData(message);
        var e = BigRef.Mod(BigRef.FromBytes(challenge.GetHashAndReset()), BigRef.N);
        return [.. rx, .. BigRef.ToBytes(BigRef.Mod(k + (e * d), BigRef.N))];
    }
}
