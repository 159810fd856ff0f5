using GpuValidate.Kernels.Secp256k1;
using Secp256k1Net;

namespace GpuValidate.Kernels.Tests.Secp256k1;

/// <summary>
/// The expected status of an item from the native libsecp256k1 (through Secp256k1.Net), after the same
/// pre-checks as <see cref="NBitcoinOracle"/>: the library every backend must agree with.
/// </summary>
internal static class NativeOracle
{
    [ThreadStatic]
    private static Secp256k1Net.Secp256k1? _library;

    private static Secp256k1Net.Secp256k1 Library => _library ??= new Secp256k1Net.Secp256k1();

    public static byte Ecdsa(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> rs64, ReadOnlySpan<byte> key, bool requireLowS)
    {
        var status = OraclePreChecks.Ecdsa(rs64, requireLowS, out var lowS);
        if (status != SignatureStatus.Valid)
        {
            return status;
        }

        var pub = new byte[Secp256k1Net.Secp256k1.UNSERIALIZED_PUBKEY_LENGTH];
        if (!OraclePreChecks.HasSec1Prefix(key) || !Library.EcPubkeyParse(pub, key))
        {
            return SignatureStatus.BadPublicKey;
        }

        var sig = new byte[Secp256k1Net.Secp256k1.UNSERIALIZED_SIGNATURE_SIZE];
        Library.EcdsaSignatureParseCompact(sig, lowS);
        return Library.EcdsaVerify(sig, digest32, pub) ? SignatureStatus.Valid : SignatureStatus.BadSignature;
    }

    public static byte Schnorr(ReadOnlySpan<byte> px32, ReadOnlySpan<byte> sig64, ReadOnlySpan<byte> message)
    {
        var status = OraclePreChecks.Schnorr(sig64);
        if (status != SignatureStatus.Valid)
        {
            return status;
        }

        var pub = new byte[Secp256k1Net.Secp256k1.UNSERIALIZED_PUBKEY_LENGTH];
        if (!Library.XonlyPubkeyParse(pub, px32))
        {
            return SignatureStatus.BadPublicKey;
        }

        return Library.SchnorrsigVerify(sig64, message, pub) ? SignatureStatus.Valid : SignatureStatus.BadSignature;
    }

    public static byte Recover(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> sig65, out byte[] publicKey64)
    {
        publicKey64 = new byte[64];
        var status = OraclePreChecks.Recover(sig65);
        if (status != SignatureStatus.Valid)
        {
            return status;
        }

        var recoverable = new byte[Secp256k1Net.Secp256k1.UNSERIALIZED_SIGNATURE_SIZE + 1];
        var pub = new byte[Secp256k1Net.Secp256k1.UNSERIALIZED_PUBKEY_LENGTH];
        if (!Library.EcdsaRecoverableSignatureParseCompact(recoverable, sig65[..64], sig65[64])
            || !Library.EcdsaRecover(pub, recoverable, digest32))
        {
            return SignatureStatus.RecoveryFailed;
        }

        var serialized = new byte[65];
        nuint length = 65;
        Library.EcPubkeySerialize(serialized, ref length, pub, Secp256k1EcFlags.Uncompressed);
        publicKey64 = serialized[1..];
        return SignatureStatus.Valid;
    }
}
