using GpuValidate.TestSupport;
using NBitcoin.Secp256k1;

namespace GpuValidate.Engine.Tests.Backends;

/// <summary>
/// Every backend's Keccak-256 and fused sender recovery against oracles that share no code with any backend:
/// BouncyCastle's <c>KeccakDigest</c> for every hash, NBitcoin.Secp256k1 for the recovered keys. Payload lengths
/// cover 0 to 700 bytes (one to six Keccak blocks, the 135/136-byte edge included), and one signature in three has a
/// flipped bit, so some recoveries fail and others recover a different key.
/// </summary>
[Collection(BackendCollection.Name)]
public sealed class HashingOracleTests(BackendEngines engines)
{
    private const int Seed = 20261126;

    public static TheoryData<string> Backends() => new(BackendEngines.Names);

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void Keccak_signing_hashes_and_sender_addresses_agree_with_BouncyCastle_and_NBitcoin(string backend)
    {
        var engine = engines.Get(backend);
        var random = new Random(Seed);
        var count = BackendEngines.RandomItems(backend) / 4;
        var lengths = new int[count];
        var offsets = new int[count];
        for (var i = 0; i < count; i++)
        {
            lengths[i] = i < 4 ? new[] { 0, 135, 136, 137 }[i] : random.Next(701);
            offsets[i] = i == 0 ? 0 : offsets[i - 1] + lengths[i - 1];
        }

        var payloads = new byte[offsets[^1] + lengths[^1]];
        random.NextBytes(payloads);
        var signatures = new byte[65 * count];
        Span<byte> secret = stackalloc byte[32];
        for (var i = 0; i < count; i++)
        {
            ECPrivKey? key;
            do
            {
                random.NextBytes(secret);
            }
            while (!Context.Instance.TryCreateECPrivKey(secret, out key) || key is null);

            if (!key.TrySignRecoverable(KeccakOracle.Hash(payloads.AsSpan(offsets[i], lengths[i])), out var signature) || signature is null)
            {
                throw new InvalidOperationException("signing failed");
            }

            signature.WriteToSpanCompact(signatures.AsSpan(65 * i, 64), out var recid);
            signatures[(65 * i) + 64] = (byte)recid;
            if (i % 3 == 2)
            {
                signatures[(65 * i) + random.Next(64)] ^= (byte)(1 << random.Next(8));
            }
        }

        var digests = new byte[32 * count];
        var signingHashes = new byte[32 * count];
        var addresses = new byte[20 * count];
        var results = new SignatureError[count];
        engine.Keccak256(payloads, offsets, lengths, digests);
        engine.RecoverSenders(payloads, offsets, lengths, signatures, signingHashes, addresses, results);

        for (var i = 0; i < count; i++)
        {
            var hash = KeccakOracle.Hash(payloads.AsSpan(offsets[i], lengths[i]));
            Assert.True(hash.AsSpan().SequenceEqual(digests.AsSpan(32 * i, 32)), $"Keccak-256 of item {i} ({lengths[i]} bytes)");
            Assert.True(hash.AsSpan().SequenceEqual(signingHashes.AsSpan(32 * i, 32)), $"signing hash of item {i} ({lengths[i]} bytes)");

            var expected = ExpectedSender(hash, signatures.AsSpan(65 * i, 65));
            Assert.Equal(expected is null ? SignatureError.RecoveryFailed : SignatureError.None, results[i]);
            Assert.True((expected ?? new byte[20]).AsSpan().SequenceEqual(addresses.AsSpan(20 * i, 20)), $"sender of item {i}");
        }

        Assert.Contains(results, r => r == SignatureError.None);
    }

    /// <summary>The sender NBitcoin recovers and BouncyCastle hashes, or null where recovery fails.</summary>
    private static byte[]? ExpectedSender(byte[] hash, ReadOnlySpan<byte> signature65)
    {
        if (signature65[64] > 3
            || !SecpRecoverableECDSASignature.TryCreateFromCompact(signature65[..64], signature65[64], out var signature)
            || signature is null
            || !ECPubKey.TryRecover(Context.Instance, signature, hash, out var key)
            || key is null)
        {
            return null;
        }

        Span<byte> serialized = stackalloc byte[65];
        key.WriteToSpan(false, serialized, out _);
        return KeccakOracle.Hash(serialized[1..])[12..];
    }
}
