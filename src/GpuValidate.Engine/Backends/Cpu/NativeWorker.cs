using Secp256k1Net;

namespace GpuValidate.Engine.Backends.Cpu;

/// <summary>libsecp256k1 through Secp256k1.Net, with its own context and opaque-object scratch space.</summary>
internal sealed class NativeWorker : ICpuWorker
{
    private readonly Secp256k1 _library = new();
    private readonly byte[] _publicKey = new byte[Secp256k1.UNSERIALIZED_PUBKEY_LENGTH];
    private readonly byte[] _signature = new byte[Secp256k1.UNSERIALIZED_SIGNATURE_SIZE];
    private readonly byte[] _recoverable = new byte[Secp256k1.UNSERIALIZED_SIGNATURE_SIZE + 1];
    private readonly byte[] _serialized = new byte[Secp256k1.SERIALIZED_UNCOMPRESSED_PUBKEY_LENGTH];

    public SignatureError VerifyEcdsa(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> lowS64, ReadOnlySpan<byte> key)
    {
        if (!_library.EcPubkeyParse(_publicKey, key))
        {
            return SignatureError.BadPublicKey;
        }

        // r and s are already known to be in range, so the compact parse cannot fail.
        _library.EcdsaSignatureParseCompact(_signature, lowS64);
        return _library.EcdsaVerify(_signature, digest32, _publicKey) ? SignatureError.None : SignatureError.BadSignature;
    }

    public SignatureError VerifySchnorr(ReadOnlySpan<byte> publicKey32, ReadOnlySpan<byte> signature64, ReadOnlySpan<byte> message)
    {
        if (!_library.XonlyPubkeyParse(_publicKey, publicKey32))
        {
            return SignatureError.BadPublicKey;
        }

        return _library.SchnorrsigVerify(signature64, message, _publicKey) ? SignatureError.None : SignatureError.BadSignature;
    }

    public SignatureError Recover(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> rs64, int recoveryId, Span<byte> publicKey64)
    {
        if (!_library.EcdsaRecoverableSignatureParseCompact(_recoverable, rs64, recoveryId)
            || !_library.EcdsaRecover(_publicKey, _recoverable, digest32))
        {
            return SignatureError.RecoveryFailed;
        }

        nuint length = (nuint)_serialized.Length;
        _library.EcPubkeySerialize(_serialized, ref length, _publicKey, Secp256k1EcFlags.Uncompressed);
        _serialized.AsSpan(1, 64).CopyTo(publicKey64);
        return SignatureError.None;
    }

    public void Dispose() => _library.Dispose();
}
