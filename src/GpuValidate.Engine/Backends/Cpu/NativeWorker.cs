using Secp256k1Net;

namespace GpuValidate.Engine.Backends.Cpu;

/// <summary>libsecp256k1 through Secp256k1.Net, with its own context and opaque-object scratch space.</summary>
internal sealed class NativeWorker : ICpuWorker
{
    private readonly Secp256k1 library = new();
    private readonly CpuKeccak keccak = new();
    private readonly byte[] publicKey = new byte[Secp256k1.UNSERIALIZED_PUBKEY_LENGTH];
    private readonly byte[] signature = new byte[Secp256k1.UNSERIALIZED_SIGNATURE_SIZE];
    private readonly byte[] recoverable = new byte[Secp256k1.UNSERIALIZED_SIGNATURE_SIZE + 1];
    private readonly byte[] serialized = new byte[Secp256k1.SERIALIZED_UNCOMPRESSED_PUBKEY_LENGTH];

    public SignatureError VerifyEcdsa(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> lowS64, ReadOnlySpan<byte> key)
    {
        if (!library.EcPubkeyParse(publicKey, key))
        {
            return SignatureError.BadPublicKey;
        }

        // r and s are already known to be in range, so the compact parse cannot fail.
        library.EcdsaSignatureParseCompact(signature, lowS64);
        return library.EcdsaVerify(signature, digest32, publicKey) ? SignatureError.None : SignatureError.BadSignature;
    }

    public SignatureError VerifySchnorr(ReadOnlySpan<byte> publicKey32, ReadOnlySpan<byte> signature64, ReadOnlySpan<byte> message)
    {
        if (!library.XonlyPubkeyParse(publicKey, publicKey32))
        {
            return SignatureError.BadPublicKey;
        }

        return library.SchnorrsigVerify(signature64, message, publicKey) ? SignatureError.None : SignatureError.BadSignature;
    }

    public SignatureError Recover(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> rs64, int recoveryId, Span<byte> publicKey64)
    {
        if (!library.EcdsaRecoverableSignatureParseCompact(recoverable, rs64, recoveryId)
            || !library.EcdsaRecover(publicKey, recoverable, digest32))
        {
            return SignatureError.RecoveryFailed;
        }

        nuint length = (nuint)serialized.Length;
        library.EcPubkeySerialize(serialized, ref length, publicKey, Secp256k1EcFlags.Uncompressed);
        serialized.AsSpan(1, 64).CopyTo(publicKey64);
        return SignatureError.None;
    }

    public void Keccak256(ReadOnlySpan<byte> message, Span<byte> digest32) => keccak.Compute(message, digest32);

    public void Dispose() => library.Dispose();
}
