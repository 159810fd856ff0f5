using GpuValidate.Kernels.Hashing;

namespace GpuValidate.Kernels.Secp256k1;

/// <summary>
/// The signature algorithms on the CPU over byte spans: the same arithmetic the kernels run, with the table of
/// multiples of G in a managed array. The reference path the kernels are tested against, and usable on its own.
/// </summary>
public static class SignatureCpu
{
    private static readonly Digest256 ChallengeMidstate = ChallengeHash.Midstate(TaggedHash.TagDigest(Schnorr.ChallengeTag));

    /// <summary>
    /// ECDSA verify of a 64-byte r || s over a 32-byte digest by a SEC1 key (33 or 65 bytes; other lengths give
    /// <see cref="SignatureStatus.BadPublicKey"/>). Returns a <see cref="SignatureStatus"/> value.
    /// </summary>
    /// <exception cref="ArgumentException">The digest is not 32 bytes or the signature not 64.</exception>
    public static byte VerifyEcdsa(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> signature64, ReadOnlySpan<byte> publicKey, bool requireLowS)
    {
        Require(digest32, 32, nameof(digest32));
        Require(signature64, 64, nameof(signature64));
        int prefix = publicKey.Length > 0 ? publicKey[0] : -1;
        var x = publicKey.Length >= 33 ? Digest256.FromBytes(publicKey.Slice(1, 32)) : default;
        var y = publicKey.Length >= 65 ? Digest256.FromBytes(publicKey.Slice(33, 32)) : default;
        return Ecdsa.Verify(
            HostGeneratorTable.Shared,
            Digest256.FromBytes(digest32),
            Digest256.FromBytes(signature64[..32]),
            Digest256.FromBytes(signature64[32..]),
            prefix,
            x,
            y,
            publicKey.Length,
            requireLowS);
    }

    /// <summary>BIP-340 verify of a 64-byte signature by a 32-byte x-only key over a message of any length.</summary>
    /// <exception cref="ArgumentException">The key is not 32 bytes or the signature not 64.</exception>
    public static byte VerifySchnorr(ReadOnlySpan<byte> publicKey32, ReadOnlySpan<byte> signature64, ReadOnlySpan<byte> message)
    {
        Require(publicKey32, 32, nameof(publicKey32));
        Require(signature64, 64, nameof(signature64));
        var px = Digest256.FromBytes(publicKey32);
        var r = Digest256.FromBytes(signature64[..32]);
        var challenge = ChallengeHash.Hash(ChallengeMidstate, r, px, message);
        return Schnorr.Verify(HostGeneratorTable.Shared, px, r, Digest256.FromBytes(signature64[32..]), challenge);
    }

    /// <summary>
    /// ecrecover of a 65-byte r || s || recid over a 32-byte digest: writes the 64-byte x || y key and its 20-byte
    /// address (the last 20 bytes of Keccak-256 of x || y), both zeroed on failure.
    /// </summary>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public static byte Recover(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> signature65, Span<byte> publicKey64, Span<byte> address20)
    {
        Require(digest32, 32, nameof(digest32));
        Require(signature65, 65, nameof(signature65));
        Require(publicKey64, 64, nameof(publicKey64));
        Require(address20, 20, nameof(address20));
        byte status = Ecdsa.Recover(
            HostGeneratorTable.Shared,
            Digest256.FromBytes(digest32),
            Digest256.FromBytes(signature65[..32]),
            Digest256.FromBytes(signature65.Slice(32, 32)),
            signature65[64],
            out var key);
        if (status != SignatureStatus.Valid)
        {
            publicKey64.Clear();
            address20.Clear();
            return status;
        }

        var x = key.X.ToDigest();
        var y = key.Y.ToDigest();
        x.WriteTo(publicKey64[..32]);
        y.WriteTo(publicKey64[32..]);
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash64(x, y).WriteTo(hash);
        hash[12..].CopyTo(address20);
        return status;
    }

    /// <summary>
    /// Keccak-256 of a signing payload into <paramref name="signingHash32"/>, then <see cref="Recover"/> over it,
    /// writing the signer's address (zeroed on failure).
    /// </summary>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public static byte RecoverSender(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> signature65, Span<byte> signingHash32, Span<byte> address20)
    {
        Require(signingHash32, 32, nameof(signingHash32));
        Keccak256.Hash(payload).WriteTo(signingHash32);
        Span<byte> key = stackalloc byte[64];
        return Recover(signingHash32, signature65, key, address20);
    }

    private static void Require(ReadOnlySpan<byte> span, int length, string name)
    {
        if (span.Length != length)
        {
            throw new ArgumentException($"expected {length} bytes, got {span.Length}", name);
        }
    }
}
