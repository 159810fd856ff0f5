using System.Numerics;
using GpuValidate.Kernels.Secp256k1;

namespace GpuValidate.Kernels.Tests.Secp256k1;

/// <summary>
/// Random signatures made by NBitcoin.Secp256k1, each also with one flipped bit, and constructed edge cases; every
/// item's expected status comes from <see cref="NBitcoinOracle"/>.
/// </summary>
internal static class SignatureCases
{
    public static List<EcdsaItem> RandomEcdsa(Random random, int count)
    {
        var items = new List<EcdsaItem>();
        for (int i = 0; i < count; i++)
        {
            var key = NBitcoinOracle.NewKey(random);
            var digest = Bytes(random, 32);
            var sig = NBitcoinOracle.SignEcdsa(key, digest);
            var pub = NBitcoinOracle.PublicKey(key, random.Next(2) == 0);
            bool lowS = random.Next(4) != 0;
            if (random.Next(4) == 0)
            {
                // The high-S twin: valid as plain ECDSA, HighS where low S is required.
                BigRef.ToBytes(BigRef.N - BigRef.FromBytes(sig.AsSpan(32))).CopyTo(sig, 32);
            }

            items.Add(Ecdsa($"random#{i}", digest, sig, pub, lowS));
            var (d2, s2, k2) = (digest.ToArray(), sig.ToArray(), pub.ToArray());
            FlipBit(random, random.Next(3) switch { 0 => d2, 1 => s2, _ => k2 });
            items.Add(Ecdsa($"random#{i} mutated", d2, s2, k2, lowS));
        }

        return items;
    }

    public static List<EcdsaItem> EcdsaEdges(Random random)
    {
        var items = new List<EcdsaItem>();
        var key = NBitcoinOracle.NewKey(random);
        var digest = Bytes(random, 32);
        var sig = NBitcoinOracle.SignEcdsa(key, digest);
        var pub = NBitcoinOracle.PublicKey(key, false);
        var compressed = NBitcoinOracle.PublicKey(key, true);
        var n = BigRef.N;
        foreach (var (name, r) in new[] { ("r=0", BigInteger.Zero), ("r=n", n), ("r=n+1", n + 1), ("r=2^256-1", BigRef.Max256) })
        {
            items.Add(Ecdsa(name, digest, [.. BigRef.ToBytes(r), .. sig.AsSpan(32)], pub, true));
        }

        foreach (var (name, s) in new[] { ("s=0", BigInteger.Zero), ("s=n", n), ("s=n+1", n + 1), ("s=2^256-1", BigRef.Max256) })
        {
            items.Add(Ecdsa(name, digest, [.. sig.AsSpan(0, 32), .. BigRef.ToBytes(s)], pub, true));
        }

        // r and s both bad: r is reported first.
        items.Add(Ecdsa("r=0,s=0", digest, new byte[64], pub, true));
        var high = sig.ToArray();
        BigRef.ToBytes(n - BigRef.FromBytes(sig.AsSpan(32))).CopyTo(high, 32);
        items.Add(Ecdsa("high s, low-S required", digest, high, pub, true));
        items.Add(Ecdsa("high s, plain ECDSA", digest, high, pub, false));
        items.Add(Ecdsa("high s with a bad key, low-S required", digest, high, [5, .. pub.AsSpan(1)], true));

        var offCurve = pub.ToArray();
        offCurve[64] ^= 1;
        items.Add(Ecdsa("pubkey off the curve", digest, sig, offCurve, true));
        items.Add(Ecdsa("pubkey x >= p", digest, sig, [4, .. BigRef.ToBytes(BigRef.P + 1), .. pub.AsSpan(33)], true));
        items.Add(Ecdsa("pubkey y >= p", digest, sig, [4, .. pub.AsSpan(1, 32), .. BigRef.ToBytes(BigRef.P)], true));
        items.Add(Ecdsa("compressed x >= p", digest, sig, [2, .. BigRef.ToBytes(BigRef.P + 3)], true));
        items.Add(Ecdsa("compressed", digest, sig, compressed, true));
        items.Add(Ecdsa("compressed, wrong parity", digest, sig, [(byte)(compressed[0] ^ 1), .. compressed.AsSpan(1)], true));
        items.Add(Ecdsa("hybrid prefix 06", digest, sig, [6, .. pub.AsSpan(1)], true));
        items.Add(Ecdsa("hybrid prefix 07", digest, sig, [7, .. pub.AsSpan(1)], true));
        items.Add(Ecdsa("prefix 04 on 33 bytes", digest, sig, [4, .. compressed.AsSpan(1)], true));
        items.Add(Ecdsa("prefix 02 on 65 bytes", digest, sig, [2, .. pub.AsSpan(1)], true));
        items.Add(Ecdsa("64-byte key", digest, sig, pub.AsSpan(1).ToArray(), true));
        items.Add(Ecdsa("empty key", digest, sig, [], true));
        items.Add(Ecdsa("point at infinity encoding", digest, sig, [0], true));

        // Digests at or above n are reduced mod n, as libsecp256k1 does.
        var bigDigest = BigRef.ToBytes(n + BigRef.Random(random, BigRef.Max256 - n));
        var bigSig = NBitcoinOracle.SignEcdsa(key, bigDigest);
        items.Add(Ecdsa("digest >= n", bigDigest, bigSig, pub, true));
        items.Add(Ecdsa("digest >= n verified as digest - n", BigRef.ToBytes(BigRef.FromBytes(bigDigest) - n), bigSig, pub, true));
        items.Add(Ecdsa("digest 2^256-1", BigRef.ToBytes(BigRef.Max256), NBitcoinOracle.SignEcdsa(key, BigRef.ToBytes(BigRef.Max256)), pub, true));

        // Constructed signatures: x(R) = r + n (the second R-check), and the smallest and largest r and s.
        foreach (var (name, c) in ConstructedSignatures(random))
        {
            var keyBytes = Sec1(c.Key, compressed: c.Key.X.IsEven);
            items.Add(Ecdsa(name, c.Digest, c.Signature[..64], keyBytes, false));
        }

        return items;
    }

    public static List<SchnorrItem> RandomSchnorr(Random random, int count, int anyLengthCount)
    {
        var items = new List<SchnorrItem>();
        for (int i = 0; i < count; i++)
        {
            var key = NBitcoinOracle.NewKey(random);
            var message = Bytes(random, 32);
            var sig = NBitcoinOracle.SignSchnorr(key, message);
            var px = NBitcoinOracle.XOnly(key);
            items.Add(Schnorr($"random#{i}", px, sig, message));
            var (p2, s2, m2) = (px.ToArray(), sig.ToArray(), message.ToArray());
            FlipBit(random, random.Next(3) switch { 0 => p2, 1 => s2, _ => m2 });
            items.Add(Schnorr($"random#{i} mutated", p2, s2, m2));
        }

        for (int i = 0; i < anyLengthCount; i++)
        {
            var message = Bytes(random, new[] { 0, 1, 31, 33, 64, 100, 200 }[i % 7]);
            var sig = NBitcoinOracle.SignSchnorrAnyLength(BigRef.Random(random, BigRef.N - 1) + 1, message, out var px);
            items.Add(Schnorr($"length {message.Length}#{i}", px, sig, message));
            var s2 = sig.ToArray();
            var m2 = message.ToArray();
            FlipBit(random, m2.Length > 0 && random.Next(2) == 0 ? m2 : s2);
            items.Add(Schnorr($"length {message.Length}#{i} mutated", px, s2, m2));
        }

        return items;
    }

    public static List<SchnorrItem> SchnorrEdges(Random random)
    {
        var key = NBitcoinOracle.NewKey(random);
        var message = Bytes(random, 32);
        var sig = NBitcoinOracle.SignSchnorr(key, message);
        var px = NBitcoinOracle.XOnly(key);
        return
        [
            Schnorr("r = p", px, [.. BigRef.ToBytes(BigRef.P), .. sig.AsSpan(32)], message),
            Schnorr("r = 2^256-1", px, [.. BigRef.ToBytes(BigRef.Max256), .. sig.AsSpan(32)], message),
            Schnorr("s = n", px, [.. sig.AsSpan(0, 32), .. BigRef.ToBytes(BigRef.N)], message),
            Schnorr("s = 0", px, [.. sig.AsSpan(0, 32), .. new byte[32]], message),
            Schnorr("key x = p", BigRef.ToBytes(BigRef.P), sig, message),
            Schnorr("key x = 0", new byte[32], sig, message),
            Schnorr("r = p with key x = p", BigRef.ToBytes(BigRef.P), [.. BigRef.ToBytes(BigRef.P), .. sig.AsSpan(32)], message),
        ];
    }

    public static List<RecoverItem> RandomRecover(Random random, int count)
    {
        var items = new List<RecoverItem>();
        for (int i = 0; i < count; i++)
        {
            var key = NBitcoinOracle.NewKey(random);
            var digest = Bytes(random, 32);
            var sig = NBitcoinOracle.SignRecoverable(key, digest);
            if (random.Next(4) == 0)
            {
                // The high-S twin with the flipped recovery id recovers the same key (ecrecover accepts high S).
                BigRef.ToBytes(BigRef.N - BigRef.FromBytes(sig.AsSpan(32, 32))).CopyTo(sig, 32);
                sig[64] ^= 1;
            }

            items.Add(Recover($"random#{i}", digest, sig));
            var (d2, s2) = (digest.ToArray(), sig.ToArray());
            if (random.Next(2) == 0)
            {
                FlipBit(random, d2);
            }
            else
            {
                s2[random.Next(64)] ^= (byte)(1 << random.Next(8));
            }

            items.Add(Recover($"random#{i} mutated", d2, s2));
        }

        return items;
    }

    public static List<RecoverItem> RecoverEdges(Random random)
    {
        var key = NBitcoinOracle.NewKey(random);
        var digest = Bytes(random, 32);
        var sig = NBitcoinOracle.SignRecoverable(key, digest);
        var items = new List<RecoverItem>();
        foreach (byte id in new byte[] { 0, 1, 2, 3, 4, 27, 255 })
        {
            items.Add(Recover($"recid {id}", digest, [.. sig.AsSpan(0, 64), id]));
        }

        items.Add(Recover("r = 0", digest, [.. new byte[32], .. sig.AsSpan(32)]));
        items.Add(Recover("r = n", digest, [.. BigRef.ToBytes(BigRef.N), .. sig.AsSpan(32)]));
        items.Add(Recover("s = 0", digest, [.. sig.AsSpan(0, 32), .. new byte[32], sig[64]]));
        items.Add(Recover("s = n", digest, [.. sig.AsSpan(0, 32), .. BigRef.ToBytes(BigRef.N), sig[64]]));
        items.Add(Recover("recid 5 and r = 0", digest, [.. new byte[64], 5]));
        items.Add(Recover("digest 0", new byte[32], NBitcoinOracle.SignRecoverable(key, new byte[32])));
        items.Add(Recover("digest n", BigRef.ToBytes(BigRef.N), NBitcoinOracle.SignRecoverable(key, BigRef.ToBytes(BigRef.N))));

        // r with no curve point at x = r: recovery fails for ids 0 and 1.
        var noPoint = Enumerable.Range(1, 100).Select(v => (BigInteger)v).First(v => !IsX(v));
        items.Add(Recover("no point at x = r", digest, [.. BigRef.ToBytes(noPoint), .. sig.AsSpan(32, 32), 0]));

        // Ids 2 and 3 with r + n >= p: no such R.
        var largeR = BigRef.P - BigRef.N + 5;
        items.Add(Recover("recid 2 with r + n >= p", digest, [.. BigRef.ToBytes(largeR), .. sig.AsSpan(32, 32), 2]));
        items.Add(Recover("recid 3 with r + n >= p", digest, [.. BigRef.ToBytes(largeR), .. sig.AsSpan(32, 32), 3]));

        foreach (var (name, c) in ConstructedSignatures(random))
        {
            items.Add(Recover(name, c.Digest, c.Signature));
        }

        return items;
    }

    /// <summary>A signature (r, s, recid) over a digest and the key it verifies under, built from a chosen R.</summary>
    internal sealed record Constructed(byte[] Digest, byte[] Signature, BigPoint Key);

    /// <summary>
    /// Signatures built backwards from a chosen point R: Q = r^-1 (s R - z G) makes (r, s) valid over z under Q.
    /// This reaches what random signing never does: x(R) = r + n (recovery ids 2 and 3) and the extreme r and s.
    /// </summary>
    public static IEnumerable<(string Name, Constructed Case)> ConstructedSignatures(Random random)
    {
        var n = BigRef.N;
        var pMinusN = BigRef.P - n;

        // x(R) = r + n: r below p - n, with a curve point at x = r + n.
        var r1 = Enumerable.Range(1, 200).Select(_ => BigRef.Random(random, pMinusN)).First(v => v > 0 && IsX(v + n));
        yield return ("x(R) = r + n, random s", Build(random, r1 + n, BigRef.Random(random, n - 1) + 1));
        yield return ("x(R) = r + n, s = 1", Build(random, r1 + n, 1));
        yield return ("x(R) = r + n, s = n-1", Build(random, r1 + n, n - 1));

        // The smallest and largest r for which a point exists, with the smallest and largest s.
        var small = Enumerable.Range(1, 200).Select(v => (BigInteger)v).First(IsX);
        var large = Enumerable.Range(1, 200).Select(v => n - v).First(IsX);
        yield return ($"r = {small}, s = 1", Build(random, small, 1));
        yield return ($"r = {small}, s = n-1", Build(random, small, n - 1));
        yield return ("r = n - small, s = 1", Build(random, large, 1));
        yield return ("r = n - small, s = n-1", Build(random, large, n - 1));
        var smallPlusN = Enumerable.Range(1, 200).Select(v => (BigInteger)v).First(v => IsX(v + n));
        yield return ($"r = {smallPlusN}, x(R) = r + n", Build(random, smallPlusN + n, BigRef.Random(random, n - 1) + 1));
    }

    public static bool IsX(BigInteger x)
    {
        var rhs = BigRef.Mod((x * x * x) + 7, BigRef.P);
        return rhs.IsZero || BigInteger.ModPow(rhs, (BigRef.P - 1) / 2, BigRef.P).IsOne;
    }

    public static byte[] Sec1(BigPoint key, bool compressed) => compressed
        ? [(byte)(key.Y.IsEven ? 2 : 3), .. BigRef.ToBytes(key.X)]
        : [4, .. BigRef.ToBytes(key.X), .. BigRef.ToBytes(key.Y)];

    private static Constructed Build(Random random, BigInteger x, BigInteger s)
    {
        var p = BigRef.P;
        var y = BigInteger.ModPow(BigRef.Mod((x * x * x) + 7, p), (p + 1) / 4, p);
        if (random.Next(2) == 0)
        {
            y = p - y;
        }

        var point = new BigPoint(x, y);
        var r = x % BigRef.N;
        var z = BigRef.Random(random, BigRef.N);
        var rInv = BigInteger.ModPow(r, BigRef.N - 2, BigRef.N);
        var key = BigPoint.Add(BigPoint.Mul(s * rInv, point), BigPoint.Mul(BigRef.Mod(-z * rInv, BigRef.N), BigPoint.G))!;
        byte recid = (byte)((x >= BigRef.N ? 2 : 0) | (y.IsEven ? 0 : 1));
        return new Constructed(BigRef.ToBytes(z), [.. BigRef.ToBytes(r), .. BigRef.ToBytes(s), recid], key);
    }

    // Each item's expected status is native libsecp256k1's; NBitcoin.Secp256k1 must agree with it.
    internal static EcdsaItem Ecdsa(string name, byte[] digest, byte[] sig, byte[] key, bool lowS)
    {
        var expected = NativeOracle.Ecdsa(digest, sig, key, lowS);
        Assert.True(expected == NBitcoinOracle.Ecdsa(digest, sig, key, lowS), $"{name}: the oracles disagree");
        return new(name, digest, sig, key, lowS, expected);
    }

    internal static SchnorrItem Schnorr(string name, byte[] px, byte[] sig, byte[] message)
    {
        var expected = NativeOracle.Schnorr(px, sig, message);
        Assert.True(expected == NBitcoinOracle.Schnorr(px, sig, message), $"{name}: the oracles disagree");
        return new(name, px, sig, message, expected);
    }

    internal static RecoverItem Recover(string name, byte[] digest, byte[] sig)
    {
        var expected = NativeOracle.Recover(digest, sig, out var key);
        Assert.True(expected == NBitcoinOracle.Recover(digest, sig, out var other) && key.AsSpan().SequenceEqual(other), $"{name}: the oracles disagree");
        return new RecoverItem(name, digest, sig, expected, key);
    }

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static void FlipBit(Random random, byte[] bytes) => bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
}
