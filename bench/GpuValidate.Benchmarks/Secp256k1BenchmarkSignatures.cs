using GpuValidate.Kernels.Hashing;
using GpuValidate.Kernels.Secp256k1;

namespace GpuValidate.Benchmarks;

/// <summary>
/// Valid ECDSA, recoverable and BIP-340 signatures for the secp256k1 benchmarks, made with the kernel arithmetic from
/// fixed keys and nonces (benchmark inputs only; not a signing implementation).
/// </summary>
internal sealed class Secp256k1BenchmarkSignatures
{
    public Secp256k1BenchmarkSignatures(int count)
    {
        Count = count;
        Digests = new byte[32 * count];
        EcdsaSignatures = new byte[64 * count];
        RecoverableSignatures = new byte[65 * count];
        PublicKeys = new byte[65 * count];
        PublicKeyLengths = new byte[count];
        XOnlyKeys = new byte[32 * count];
        SchnorrSignatures = new byte[64 * count];
        Offsets = new int[count];
        Lengths = new int[count];
        var table = HostGeneratorTable.Shared;
        var midstate = ChallengeHash.Midstate(TaggedHash.TagDigest(Schnorr.ChallengeTag));
        var random = new Random(20261125);
        var buffer = new byte[32];
        for (int i = 0; i < count; i++)
        {
            random.NextBytes(Digests.AsSpan(32 * i, 32));
            var d = RandomScalar(random, buffer);
            var k = RandomScalar(random, buffer);
            var key = JacobianPoint.ToAffine(EcMult.AddGeneratorMultiple(table, JacobianPoint.Infinity, d));
            var nonce = JacobianPoint.ToAffine(EcMult.AddGeneratorMultiple(table, JacobianPoint.Infinity, k));
            var z = Scalar.FromDigest(Digest256.FromBytes(Digests.AsSpan(32 * i, 32)));
            var r = Scalar.FromDigest(nonce.X.ToDigest());
            var s = Scalar.Mul(Scalar.Inv(k), Scalar.Add(z, Scalar.Mul(r, d)));

            // Low S, as libsecp256k1 signs; negating s negates R, which flips the recovery id's parity bit.
            bool high = s.IsHigh;
            if (high)
            {
                s = Scalar.Negate(s);
            }

            r.ToDigest().WriteTo(EcdsaSignatures.AsSpan(64 * i));
            s.ToDigest().WriteTo(EcdsaSignatures.AsSpan((64 * i) + 32));
            EcdsaSignatures.AsSpan(64 * i, 64).CopyTo(RecoverableSignatures.AsSpan(65 * i));
            RecoverableSignatures[(65 * i) + 64] = (byte)(nonce.Y.IsOdd != high ? 1 : 0);
            PublicKeys[65 * i] = (byte)(key.Y.IsOdd ? 3 : 2);
            key.X.ToDigest().WriteTo(PublicKeys.AsSpan((65 * i) + 1));
            PublicKeyLengths[i] = 33;

            // BIP-340: even-y key and nonce, e = H(R.x || P.x || m), s = k + e d.
            var dx = key.Y.IsOdd ? Scalar.Negate(d) : d;
            var kx = nonce.Y.IsOdd ? Scalar.Negate(k) : k;
            var e = Scalar.FromDigest(ChallengeHash.Hash(midstate, nonce.X.ToDigest(), key.X.ToDigest(), Digests.AsSpan(32 * i, 32)));
            key.X.ToDigest().WriteTo(XOnlyKeys.AsSpan(32 * i));
            nonce.X.ToDigest().WriteTo(SchnorrSignatures.AsSpan(64 * i));
            Scalar.Add(kx, Scalar.Mul(e, dx)).ToDigest().WriteTo(SchnorrSignatures.AsSpan((64 * i) + 32));
            Offsets[i] = 32 * i;
            Lengths[i] = 32;
        }
    }

    public int Count { get; }

    public byte[] Digests { get; }

    public byte[] EcdsaSignatures { get; }

    public byte[] RecoverableSignatures { get; }

    public byte[] PublicKeys { get; }

    public byte[] PublicKeyLengths { get; }

    public byte[] XOnlyKeys { get; }

    public byte[] SchnorrSignatures { get; }

    public int[] Offsets { get; }

    public int[] Lengths { get; }

    private static Scalar RandomScalar(Random random, byte[] buffer)
    {
        while (true)
        {
            random.NextBytes(buffer);
            if (Scalar.TryFromBytes(buffer, out var s) && !s.IsZero)
            {
                return s;
            }
        }
    }
}
