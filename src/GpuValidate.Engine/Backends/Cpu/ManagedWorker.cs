using System.Security.Cryptography;
using NBitcoin.Secp256k1;

namespace GpuValidate.Engine.Backends.Cpu;

/// <summary>
/// NBitcoin.Secp256k1 (a pure C# port of libsecp256k1). Its API builds key and signature objects, so this
/// worker allocates per item; it is the fallback when the native library cannot load, not the fast path.
/// </summary>
internal sealed class ManagedWorker : ICpuWorker
{
    private static readonly byte[] ChallengeTag = System.Security.Cryptography.SHA256.HashData("BIP0340/challenge"u8);

    // p - n as 32 bytes big-endian: recovery ids 2 and 3 mean R.x = r + n, which exists only for r below this.
    private static readonly byte[] FieldPrimeMinusOrder = Convert.FromHexString("000000000000000000000000000000014551231950b75fc4402da1722fc9baee");

    private readonly Context _context = Context.Instance;
    private readonly IncrementalHash _challenge = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public SignatureError VerifyEcdsa(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> lowS64, ReadOnlySpan<byte> publicKey)
    {
        if (!ECPubKey.TryCreate(publicKey, _context, out _, out var key) || key is null)
        {
            return SignatureError.BadPublicKey;
        }

        if (!SecpECDSASignature.TryCreateFromCompact(lowS64, out var signature) || signature is null)
        {
            return SignatureError.BadSignature;
        }

        return key.SigVerify(signature, digest32) ? SignatureError.None : SignatureError.BadSignature;
    }

    public SignatureError VerifySchnorr(ReadOnlySpan<byte> publicKey32, ReadOnlySpan<byte> signature64, ReadOnlySpan<byte> message)
    {
        if (!ECXOnlyPubKey.TryCreate(publicKey32, _context, out var key) || key is null)
        {
            return SignatureError.BadPublicKey;
        }

        if (!SecpSchnorrSignature.TryCreate(signature64, out var signature) || signature is null)
        {
            return SignatureError.BadSignature;
        }

        if (message.Length == 32)
        {
            return key.SigVerifyBIP340(signature, message) ? SignatureError.None : SignatureError.BadSignature;
        }

        // The library's verify takes 32-byte messages only; BIP-340 allows any length, so compute the same
        // equation from its primitives: R = s*G - e*P with e = H_challenge(r || P || m) mod n, valid when R
        // is finite, has even y and x(R) = r.
        Span<byte> hash = stackalloc byte[32];
        _challenge.AppendData(ChallengeTag);
        _challenge.AppendData(ChallengeTag);
        _challenge.AppendData(signature64[..32]);
        _challenge.AppendData(publicKey32);
        _challenge.AppendData(message);
        _challenge.GetHashAndReset(hash);
        var e = new Scalar(hash, out _);
        var minusE = e.Negate();
        Scalar? s = signature.s;
        var p = key.Q.ToGroupElementJacobian();
        var r = _context.EcMultContext.Mult(p, minusE, s);
        if (r.IsInfinity)
        {
            return SignatureError.BadSignature;
        }

        var affine = r.ToGroupElementVariable();
        var y = affine.y.NormalizeVariable();
        var x = affine.x.NormalizeVariable();
        var rx = signature.rx.NormalizeVariable();
        return !y.IsOdd && x.EqualsVariable(rx) ? SignatureError.None : SignatureError.BadSignature;
    }

    public SignatureError Recover(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> rs64, int recoveryId, Span<byte> publicKey64)
    {
        // libsecp256k1 refuses ids 2/3 when r + n >= p; NBitcoin.Secp256k1 4.0.4 recovers a key there anyway.
        if (recoveryId >= 2 && rs64[..32].SequenceCompareTo(FieldPrimeMinusOrder) >= 0)
        {
            return SignatureError.RecoveryFailed;
        }

        if (!SecpRecoverableECDSASignature.TryCreateFromCompact(rs64, recoveryId, out var signature) || signature is null
            || !ECPubKey.TryRecover(_context, signature, digest32, out var key) || key is null)
        {
            return SignatureError.RecoveryFailed;
        }

        Span<byte> serialized = stackalloc byte[65];
        key.WriteToSpan(false, serialized, out _);
        serialized.Slice(1, 64).CopyTo(publicKey64);
        return SignatureError.None;
    }

    public void Dispose() => _challenge.Dispose();
}
