using System.Security.Cryptography;
using System.Text.Json;
using GpuValidate.Engine.Encoding;
using GpuValidate.TestVectors;

namespace GpuValidate.Engine.Tests.Backends;

/// <summary>
/// The external vector suites against every backend: each case's verdict must equal the suite's. DER goes through
/// the strict BIP-66 parser; the Bitcoin variant also requires low S.
/// </summary>
[Collection(BackendCollection.Name)]
public sealed class BackendVectorTests(BackendEngines engines)
{
    public static TheoryData<string, string> WycheproofCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var backend in BackendEngines.Names)
        {
            foreach (var file in WycheproofEcdsa.AllFiles)
            {
                data.Add(backend, file);
            }
        }

        return data;
    }

    public static TheoryData<string> Backends() => new(BackendEngines.Names);

    [SkippableTheory]
    [MemberData(nameof(WycheproofCases))]
    public void Wycheproof_ecdsa_verdicts_agree_with_the_suite(string backend, string file)
    {
        var engine = engines.Get(backend);
        var cases = WycheproofEcdsa.Load(file);
        var n = cases.Count;
        var digests = new byte[32 * n];
        var signatures = new byte[64 * n];
        var keys = new byte[65 * n];
        var keyLengths = new byte[n];
        var verdicts = new SignatureError[n];
        var parsed = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var c = cases[i];
            var digest = c.Sha == "SHA-256" ? SHA256.HashData(c.Message) : SHA512.HashData(c.Message);

            // ECDSA uses the leftmost 256 bits of a longer digest.
            digest.AsSpan(0, 32).CopyTo(digests.AsSpan(32 * i));
            c.PublicKey.CopyTo(keys, 65 * i);
            keyLengths[i] = (byte)c.PublicKey.Length;
            if (c.IsP1363)
            {
                parsed[i] = c.Signature.Length == 64;
                verdicts[i] = parsed[i] ? SignatureError.None : SignatureError.BadInput;
                if (parsed[i])
                {
                    c.Signature.CopyTo(signatures, 64 * i);
                }
            }
            else
            {
                parsed[i] = DerSignature.TryParse(c.Signature, signatures.AsSpan(64 * i, 64), out verdicts[i]);
            }
        }

        var results = new SignatureError[n];
        engine.VerifyEcdsa(digests, signatures, keys, keyLengths, requireLowS: file == WycheproofEcdsa.Sha256Bitcoin, results);

        var disagreements = new List<string>();
        for (var i = 0; i < n; i++)
        {
            var verdict = parsed[i] ? results[i] : verdicts[i];
            if ((verdict == SignatureError.None) != cases[i].Valid)
            {
                disagreements.Add($"{cases[i]}: {verdict.ToCode() ?? "valid"}");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void Bip340_verdicts_agree_with_the_vectors(string backend)
    {
        var engine = engines.Get(backend);
        var cases = Bip340Vectors.Load();
        var messages = cases.SelectMany(c => c.Message).ToArray();
        var lengths = cases.Select(c => c.Message.Length).ToArray();
        var offsets = new int[cases.Count];
        for (var i = 1; i < offsets.Length; i++)
        {
            offsets[i] = offsets[i - 1] + lengths[i - 1];
        }

        var results = new SignatureError[cases.Count];
        engine.VerifySchnorr(cases.SelectMany(c => c.PublicKey).ToArray(), cases.SelectMany(c => c.Signature).ToArray(), messages, offsets, lengths, results);

        var disagreements = cases.Where((c, i) => (results[i] == SignatureError.None) != c.Valid).Select(c => c.ToString()).ToList();
        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void Ecrecover_precompile_vectors_agree_with_go_ethereum(string backend)
    {
        var engine = engines.Get(backend);
        using var stream = File.OpenRead(VectorFiles.PathOf(Path.Combine("go-ethereum-precompiles", "ecRecover.json")));
        using var document = JsonDocument.Parse(stream);
        var vectors = document.RootElement.EnumerateArray().ToArray();
        var n = vectors.Length;
        var digests = new byte[32 * n];
        var signatures = new byte[65 * n];
        for (var i = 0; i < n; i++)
        {
            // The precompile reads hash || v || r || s as 32-byte words, right-padding short input with zeros.
            var input = new byte[128];
            var raw = Convert.FromHexString(vectors[i].GetProperty("Input").GetString()!);
            raw.AsSpan(0, Math.Min(raw.Length, 128)).CopyTo(input);
            input.AsSpan(0, 32).CopyTo(digests.AsSpan(32 * i));
            input.AsSpan(64, 64).CopyTo(signatures.AsSpan(65 * i));

            // v must be exactly 27 or 28 as a 256-bit word; anything else gets a recovery id no backend accepts.
            var v = input.AsSpan(32, 32);
            var vOk = v[..31].IndexOfAnyExcept((byte)0) < 0 && v[31] is 27 or 28;
            signatures[(65 * i) + 64] = vOk ? (byte)(v[31] - 27) : (byte)0xFF;
        }

        var keys = new byte[64 * n];
        var addresses = new byte[20 * n];
        var results = new SignatureError[n];
        engine.Recover(digests, signatures, keys, addresses, results);

        for (var i = 0; i < n; i++)
        {
            var expected = vectors[i].GetProperty("Expected").GetString()!;
            var name = vectors[i].GetProperty("Name").GetString();
            var actual = results[i] == SignatureError.None ? "000000000000000000000000" + Convert.ToHexStringLower(addresses.AsSpan(20 * i, 20)) : string.Empty;
            Assert.True(expected == actual, $"{name}: expected '{expected}', got '{actual}' ({results[i].ToCode() ?? "valid"})");
        }
    }
}
