using System.Numerics;
using GpuValidate.Engine.Backends.Cpu;
using GpuValidate.Engine.Conformance;
using GpuValidate.Engine.Tests.Support;
using NBitcoin.Secp256k1;

namespace GpuValidate.Engine.Tests.Backends;

/// <summary>
/// Boundary inputs on every backend, with expectations from secp256k1's definition (computed with BigInteger
/// here) and libsecp256k1's documented behaviour: scalars at 0, n and above, keys off the curve or with x >= p,
/// digests above n, and recovery ids 2/3 where R.x = r + n.
/// </summary>
[Collection(BackendCollection.Name)]
public sealed class BackendEdgeCaseTests(BackendEngines engines)
{
    private static readonly BigInteger P = BigInteger.Pow(2, 256) - BigInteger.Pow(2, 32) - 977;
    private static readonly BigInteger N = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);

    public static TheoryData<string> Backends() => new(BackendEngines.Names);

    private static byte[] Bytes32(BigInteger value)
    {
        var bytes = new byte[32];
        value.TryWriteBytes(bytes.AsSpan(32 - value.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return bytes;
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void Ecdsa_boundary_scalars_and_keys_get_their_reason_codes(string backend)
    {
        var engine = engines.Get(backend);
        var valid = SignedItems.Create(1, 7, mutateOdd: false);
        var halfOrder = N / 2;
        var cases = new List<(string Name, byte[] R, byte[] S, byte[] Key, byte[] Digest, bool LowS, SignatureError Expected)>();
        var r = valid.EcdsaSignatures[..32];
        var s = valid.EcdsaSignatures[32..64];
        var key = valid.EcdsaKeys[..valid.EcdsaKeyLengths[0]];
        var digest = valid.Digests[..32];
        cases.Add(("valid", r, s, key, digest, true, SignatureError.None));
        cases.Add(("r = 0", new byte[32], s, key, digest, true, SignatureError.ROutOfRange));
        cases.Add(("r = n", Bytes32(N), s, key, digest, true, SignatureError.ROutOfRange));
        cases.Add(("r = 2^256 - 1", Bytes32(BigInteger.Pow(2, 256) - 1), s, key, digest, true, SignatureError.ROutOfRange));
        cases.Add(("s = 0", r, new byte[32], key, digest, true, SignatureError.SOutOfRange));
        cases.Add(("s = n", r, Bytes32(N), key, digest, true, SignatureError.SOutOfRange));
        cases.Add(("s = n/2 + 1 with low S", r, Bytes32(halfOrder + 1), key, digest, true, SignatureError.HighS));
        cases.Add(("s = n - 1 with low S", r, Bytes32(N - 1), key, digest, true, SignatureError.HighS));
        cases.Add(("s = n - s' without low S", r, Bytes32(N - new BigInteger(s, true, true)), key, digest, false, SignatureError.None));
        cases.Add(("s = n - s' with low S", r, Bytes32(N - new BigInteger(s, true, true)), key, digest, true, SignatureError.HighS));
        cases.Add(("r = 1, s = 1", Bytes32(1), Bytes32(1), key, digest, true, SignatureError.BadSignature));
        cases.Add(("r = n - 1, s = n/2", Bytes32(N - 1), Bytes32(halfOrder), key, digest, true, SignatureError.BadSignature));

        var uncompressed = new byte[65];
        uncompressed[0] = 0x04;
        valid.ExpectedKeys.CopyTo(uncompressed, 1);
        var offCurve = (byte[])uncompressed.Clone();
        offCurve[64] ^= 1;
        cases.Add(("key off the curve", r, s, offCurve, digest, true, SignatureError.BadPublicKey));
        var xAboveP = new byte[33];
        xAboveP[0] = 0x02;
        Bytes32(P - 1).CopyTo(xAboveP, 1);
        cases.Add(("compressed key with x = p - 1 (no such point)", r, s, xAboveP, digest, true, SignatureError.BadPublicKey));
        var xEqualsP = (byte[])xAboveP.Clone();
        Bytes32(P).CopyTo(xEqualsP, 1);
        cases.Add(("compressed key with x = p", r, s, xEqualsP, digest, true, SignatureError.BadPublicKey));
        cases.Add(("point at infinity (00)", r, s, [0x00], digest, true, SignatureError.BadPublicKey));
        var hybrid = (byte[])uncompressed.Clone();
        hybrid[0] = (byte)(0x06 | (uncompressed[64] & 1));
        cases.Add(("hybrid prefix 06/07", r, s, hybrid, digest, true, SignatureError.BadPublicKey));

        // A digest above n: signed with NBitcoin over 0xff..ff, which ECDSA reduces mod n.
        var big = Enumerable.Repeat((byte)0xFF, 32).ToArray();
        Context.Instance.TryCreateECPrivKey(Bytes32(12345), out var signer);
        var bigSig = new byte[64];
        signer!.SignECDSARFC6979(big).WriteCompactToSpan(bigSig);
        var signerKey = new byte[33];
        signer.CreatePubKey().WriteToSpan(true, signerKey, out _);
        cases.Add(("digest above n", bigSig[..32], bigSig[32..], signerKey, big, true, SignatureError.None));

        var n = cases.Count;
        var digests = cases.SelectMany(c => c.Digest).ToArray();
        var signatures = cases.SelectMany(c => c.R.Concat(c.S)).ToArray();
        var keys = cases.SelectMany(c => c.Key.Concat(new byte[65 - c.Key.Length])).ToArray();
        var lengths = cases.Select(c => (byte)c.Key.Length).ToArray();
        var lowS = new SignatureError[n];
        var plain = new SignatureError[n];
        engine.VerifyEcdsa(digests, signatures, keys, lengths, true, lowS);
        engine.VerifyEcdsa(digests, signatures, keys, lengths, false, plain);

        for (var i = 0; i < n; i++)
        {
            var actual = cases[i].LowS ? lowS[i] : plain[i];
            Assert.True(cases[i].Expected == actual, $"{cases[i].Name}: expected {cases[i].Expected}, got {actual}");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void Ecdsa_key_lengths_other_than_33_and_65_are_bad_keys_even_over_a_valid_key(string backend)
    {
        // The slot always holds a valid uncompressed key; only the length byte changes. SEC1 keys are 33 or 65
        // bytes, so every other length (those above the 65-byte slot included) must be bad-pubkey, never a read
        // of the slot's first 65 bytes.
        var engine = engines.Get(backend);
        var valid = SignedItems.Create(1, 11, mutateOdd: false);
        var uncompressed = new byte[65];
        uncompressed[0] = 0x04;
        valid.ExpectedKeys.CopyTo(uncompressed, 1);
        byte[] lengths = [65, 0, 1, 32, 33, 34, 64, 66, 100, 255];
        var n = lengths.Length;
        var digests = Enumerable.Repeat(valid.Digests[..32], n).SelectMany(d => d).ToArray();
        var signatures = Enumerable.Repeat(valid.EcdsaSignatures[..64], n).SelectMany(x => x).ToArray();
        var keys = Enumerable.Repeat(uncompressed, n).SelectMany(k => k).ToArray();
        var results = new SignatureError[n];
        engine.VerifyEcdsa(digests, signatures, keys, lengths, true, results);

        for (var i = 0; i < n; i++)
        {
            var expected = lengths[i] == 65 ? SignatureError.None : SignatureError.BadPublicKey;
            Assert.True(expected == results[i], $"length {lengths[i]}: expected {expected}, got {results[i]}");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void Recovery_ids_2_and_3_work_exactly_where_r_plus_n_is_below_p(string backend)
    {
        var engine = engines.Get(backend);
        var random = new Random(99);

        // Find x in [n, p) on the curve; then r = x - n with recid 2 + parity(y) names that point.
        BigInteger x, y;
        do
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            x = N + new BigInteger(bytes, isUnsigned: true);
            var rhs = (BigInteger.ModPow(x, 3, P) + 7) % P;
            y = BigInteger.ModPow(rhs, (P + 1) / 4, P);
            if (BigInteger.ModPow(y, 2, P) == rhs)
            {
                break;
            }
        }
        while (true);

        var digest = new byte[32];
        random.NextBytes(digest);
        var s = Bytes32(new BigInteger(digest, true, true) % (N - 1) + 1);
        byte[][] signatures =
        [
            [.. Bytes32(x - N), .. s, (byte)(2 + (int)(y % 2))],                 // R.x = r + n: recovers
            [.. Bytes32(x - N), .. s, (byte)(3 - (int)(y % 2))],                 // the other parity: recovers too
            [.. Bytes32(P - N), .. s, 2],                                         // r + n = p: no such x
            [.. Bytes32(N - 1), .. s, 3],                                         // r + n > p
            [.. Bytes32(x - N), .. s, 4],                                         // recovery id out of range
        ];
        var n = signatures.Length;
        var digests = Enumerable.Repeat(digest, n).SelectMany(d => d).ToArray();
        var keys = new byte[64 * n];
        var addresses = new byte[20 * n];
        var results = new SignatureError[n];
        engine.Recover(digests, signatures.SelectMany(b => b).ToArray(), keys, addresses, results);

        Assert.Equal([SignatureError.None, SignatureError.None, SignatureError.RecoveryFailed, SignatureError.RecoveryFailed, SignatureError.BadRecoveryId], results);

        // The recovered key Q satisfies r^-1 (s R - z G) = Q; check the first with NBitcoin's recovery from a
        // compact signature over the same point (independent of the backend).
        Assert.True(SecpRecoverableECDSASignature.TryCreateFromCompact(signatures[0].AsSpan(0, 64), signatures[0][64], out var sig));
        Assert.True(ECPubKey.TryRecover(Context.Instance, sig!, digest, out var expected));
        var serialized = new byte[65];
        expected!.WriteToSpan(false, serialized, out _);
        Assert.Equal(serialized[1..], keys[..64]);
    }
}
