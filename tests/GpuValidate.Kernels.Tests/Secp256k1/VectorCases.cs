using System.Security.Cryptography;
using System.Text.Json;
using GpuValidate.Kernels.Secp256k1;
using GpuValidate.TestVectors;

namespace GpuValidate.Kernels.Tests.Secp256k1;

/// <summary>The shipped vector suites as items: Wycheproof ECDSA, BIP-340 and go-ethereum's ecRecover precompile.</summary>
internal static class VectorCases
{
    /// <summary>
    /// A Wycheproof suite's cases whose signature decodes to a 64-byte r || s (P1363 of the right length, or strict
    /// DER with both integers below 2^256), with the expected validity; the rest are returned as undecodable.
    /// </summary>
    public static (List<(EcdsaItem Item, bool Valid)> Decoded, List<WycheproofCase> Undecodable) Wycheproof(string file)
    {
        bool lowS = file == WycheproofEcdsa.Sha256Bitcoin;
        var decoded = new List<(EcdsaItem, bool)>();
        var undecodable = new List<WycheproofCase>();
        foreach (var c in WycheproofEcdsa.Load(file))
        {
            byte[]? rs = c.IsP1363 ? (c.Signature.Length == 64 ? c.Signature : null) : StrictDer.TryDecode(c.Signature);
            if (rs is null)
            {
                undecodable.Add(c);
                continue;
            }

            var hash = c.Sha == "SHA-256" ? SHA256.HashData(c.Message) : SHA512.HashData(c.Message)[..32];
            decoded.Add((SignatureCases.Ecdsa(c.ToString(), hash, rs, c.PublicKey, lowS), c.Valid));
        }

        return (decoded, undecodable);
    }

    public static List<(SchnorrItem Item, bool Valid)> Bip340() =>
        [.. Bip340Vectors.Load().Select(c => (
            SignatureCases.Schnorr(c.ToString(), c.PublicKey, c.Signature, c.Message),
            c.Valid))];

    /// <summary>
    /// go-ethereum's ecRecover precompile cases whose v is 27 or 28 (with 31 zero bytes before it) as recovery
    /// items, each with the expected 20-byte address or null where the precompile returns nothing; cases with
    /// any other v, which the precompile rejects before recovery, are counted separately.
    /// </summary>
    public static (List<(RecoverItem Item, byte[]? Address)> Items, int RejectedV) EcRecover()
    {
        using var stream = File.OpenRead(VectorFiles.PathOf(Path.Combine("go-ethereum-precompiles", "ecRecover.json")));
        using var document = JsonDocument.Parse(stream);
        var items = new List<(RecoverItem, byte[]?)>();
        int rejected = 0;
        foreach (var test in document.RootElement.EnumerateArray())
        {
            var input = new byte[128];
            var raw = Convert.FromHexString(test.GetProperty("Input").GetString()!);
            raw.AsSpan(0, Math.Min(raw.Length, 128)).CopyTo(input);
            var expected = Convert.FromHexString(test.GetProperty("Expected").GetString()!);
            var v = input.AsSpan(32, 32);
            if (v[..31].IndexOfAnyExcept((byte)0) >= 0 || v[31] is not (27 or 28))
            {
                Assert.Empty(expected);
                rejected++;
                continue;
            }

            byte[] sig = [.. input.AsSpan(64, 64), (byte)(v[31] - 27)];
            var digest = input[..32];
            var name = test.GetProperty("Name").GetString()!;
            items.Add((SignatureCases.Recover($"ecRecover {name}", digest, sig), expected.Length == 0 ? null : expected[12..]));
        }

        return (items, rejected);
    }

    /// <summary>Strict DER (BIP-66 shape) decoding of an ECDSA signature into 64-byte r || s; null when not strict or too wide.</summary>
    private static class StrictDer
    {
        public static byte[]? TryDecode(byte[] der)
        {
            if (der.Length < 8 || der.Length > 72 || der[0] != 0x30 || der[1] != der.Length - 2)
            {
                return null;
            }

            int pos = 2;
            var r = ReadInteger(der, ref pos);
            var s = ReadInteger(der, ref pos);
            if (r is null || s is null || pos != der.Length)
            {
                return null;
            }

            var rs = new byte[64];
            r.CopyTo(rs, 32 - r.Length);
            s.CopyTo(rs, 64 - s.Length);
            return rs;
        }

        private static byte[]? ReadInteger(byte[] der, ref int pos)
        {
            if (pos + 2 > der.Length || der[pos] != 0x02)
            {
                return null;
            }

            int length = der[pos + 1];
            int start = pos + 2;
            if (length == 0 || length > 33 || start + length > der.Length)
            {
                return null;
            }

            // Negative, or padded with a zero byte the next byte does not need.
            if ((der[start] & 0x80) != 0 || (length > 1 && der[start] == 0 && (der[start + 1] & 0x80) == 0))
            {
                return null;
            }

            pos = start + length;
            var value = der.AsSpan(start, length);
            if (value.Length == 33)
            {
                // 33 bytes are only a zero pad before a high bit; anything else is 2^256 or more.
                if (value[0] != 0)
                {
                    return null;
                }

                value = value[1..];
            }

            return value.ToArray();
        }
    }
}
