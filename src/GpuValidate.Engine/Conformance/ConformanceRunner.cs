using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using GpuValidate.Engine.Backends;
using GpuValidate.Engine.Backends.Cpu;
using GpuValidate.Engine.Encoding;

namespace GpuValidate.Engine.Conformance;

/// <summary>
/// Runs the shipped vector suites (Wycheproof secp256k1 ECDSA in its DER, Bitcoin and P1363 forms, BIP-340, and
/// go-ethereum's ecrecover precompile vectors) through an engine and compares every verdict with the suite's:
/// what an operator runs to check a new device.
/// </summary>
public static class ConformanceRunner
{
    private static readonly (string File, string Name, bool Bitcoin)[] WycheproofSuites =
    [
        ("ecdsa_secp256k1_sha256_test.json", "wycheproof sha256 DER", false),
        ("ecdsa_secp256k1_sha256_bitcoin_test.json", "wycheproof sha256 bitcoin", true),
        ("ecdsa_secp256k1_sha256_p1363_test.json", "wycheproof sha256 r||s", false),
        ("ecdsa_secp256k1_sha512_test.json", "wycheproof sha512 DER", false),
        ("ecdsa_secp256k1_sha512_p1363_test.json", "wycheproof sha512 r||s", false),
    ];

    /// <summary>
    /// Every suite under <paramref name="vectorsDirectory"/> (the layout of the repository's <c>tests/vectors</c>).
    /// </summary>
    /// <exception cref="FileNotFoundException">A suite file is missing.</exception>
    /// <exception cref="InvalidDataException">A suite file does not parse.</exception>
    public static IReadOnlyList<ConformanceResult> Run(ISignatureEngine engine, string vectorsDirectory)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var results = new List<ConformanceResult>();
        foreach (var (file, name, bitcoin) in WycheproofSuites)
        {
            results.Add(RunWycheproof(engine, PathOf(vectorsDirectory, "wycheproof", file), name, bitcoin));
        }

        results.Add(RunBip340(engine, PathOf(vectorsDirectory, "bip340", "test-vectors.csv")));
        results.Add(RunEcrecover(engine, PathOf(vectorsDirectory, "go-ethereum-precompiles", "ecRecover.json")));
        return results;
    }

    /// <summary>Operations each random item goes through (<see cref="EngineResults"/>).</summary>
    private const int RandomOperations = 6;

    /// <summary>
    /// <paramref name="count"/> random items signed with NBitcoin.Secp256k1 (every odd one with a flipped bit in its
    /// message, key or signature) through every operation (ECDSA verify with and without low S, BIP-340 verify,
    /// recover, fused sender recovery, Keccak-256) on <paramref name="engine"/>, compared output by output with
    /// libsecp256k1 on the CPU (with NBitcoin.Secp256k1 when <paramref name="engine"/> is that libsecp256k1). The
    /// vectors cover the edge cases; this covers volume, which is where a device's arithmetic goes wrong.
    /// </summary>
    public static ConformanceResult RunRandom(ISignatureEngine engine, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var native = engine is CpuEngine { Kind: BackendKind.Native };
        var items = SignedItems.Create(count, seed);
        using var reference = native ? CpuEngine.CreateManaged() : CpuEngine.CreateNative();
        var differences = EngineResults.Of(engine, items).Differences(EngineResults.Of(reference, items));
        return new ConformanceResult(
            $"random items vs {(native ? "NBitcoin.Secp256k1" : "libsecp256k1")} (seed {seed})", "all", RandomOperations * count, differences);
    }

    private static string PathOf(string root, string folder, string file)
    {
        var path = Path.Combine(root, folder, file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"vector file not found: {path}", path);
    }

    private static JsonDocument ParseJson(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e);
        }
    }

    private static ConformanceResult RunWycheproof(ISignatureEngine engine, string path, string name, bool bitcoin)
    {
        using var document = ParseJson(path);
        var root = document.RootElement;
        var p1363 = root.GetProperty("schema").GetString()!.Contains("p1363", StringComparison.OrdinalIgnoreCase);
        var digests = new List<byte>();
        var signatures = new List<byte>();
        var keys = new List<byte>();
        var keyLengths = new List<byte>();
        var hostVerdicts = new List<SignatureError?>();
        var expected = new List<(int TcId, bool Valid)>();
        Span<byte> compact = stackalloc byte[64];
        foreach (var group in root.GetProperty("testGroups").EnumerateArray())
        {
            var key = Convert.FromHexString(group.GetProperty("publicKey").GetProperty("uncompressed").GetString()!);
            var sha512 = group.GetProperty("sha").GetString() == "SHA-512";
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                var message = Convert.FromHexString(test.GetProperty("msg").GetString()!);
                var signature = Convert.FromHexString(test.GetProperty("sig").GetString()!);

                // ECDSA takes the leftmost 256 bits of a longer digest.
                digests.AddRange((sha512 ? SHA512.HashData(message) : SHA256.HashData(message)).AsSpan(0, 32));
                keys.AddRange(key);
                keys.AddRange(new byte[65 - key.Length]);
                keyLengths.Add((byte)key.Length);
                SignatureError? hostVerdict = null;
                compact.Clear();
                if (p1363)
                {
                    if (signature.Length == 64)
                    {
                        signature.CopyTo(compact);
                    }
                    else
                    {
                        hostVerdict = SignatureError.BadInput;
                    }
                }
                else if (!DerSignature.TryParse(signature, compact, out var error))
                {
                    hostVerdict = error;
                }

                signatures.AddRange(compact);
                hostVerdicts.Add(hostVerdict);
                expected.Add((test.GetProperty("tcId").GetInt32(), test.GetProperty("result").GetString() == "valid"));
            }
        }

        var results = new SignatureError[expected.Count];
        engine.VerifyEcdsa(digests.ToArray(), signatures.ToArray(), keys.ToArray(), keyLengths.ToArray(), bitcoin, results);
        var failures = new List<string>();
        for (var i = 0; i < results.Length; i++)
        {
            var verdict = hostVerdicts[i] ?? results[i];
            if ((verdict == SignatureError.None) != expected[i].Valid)
            {
                failures.Add($"tcId {expected[i].TcId}: expected {(expected[i].Valid ? "valid" : "invalid")}, got {verdict.ToCode() ?? "valid"}");
            }
        }

        return new ConformanceResult(name, bitcoin ? "ecdsa verify, low S" : "ecdsa verify", results.Length, failures);
    }

    private static ConformanceResult RunBip340(ISignatureEngine engine, string path)
    {
        var rows = File.ReadAllLines(path).Skip(1).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Split(',')).ToArray();
        var keys = new List<byte>();
        var signatures = new List<byte>();
        var messages = new List<byte>();
        var offsets = new int[rows.Length];
        var lengths = new int[rows.Length];
        try
        {
            for (var i = 0; i < rows.Length; i++)
            {
                var message = Convert.FromHexString(rows[i][4]);
                keys.AddRange(Convert.FromHexString(rows[i][2]));
                signatures.AddRange(Convert.FromHexString(rows[i][5]));
                offsets[i] = messages.Count;
                lengths[i] = message.Length;
                messages.AddRange(message);
            }
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }

        var results = new SignatureError[rows.Length];
        engine.VerifySchnorr(keys.ToArray(), signatures.ToArray(), messages.ToArray(), offsets, lengths, results);
        var failures = new List<string>();
        for (var i = 0; i < rows.Length; i++)
        {
            var valid = rows[i][6] == "TRUE";
            if ((results[i] == SignatureError.None) != valid)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"vector {rows[i][0]}: expected {(valid ? "valid" : "invalid")}, got {results[i].ToCode() ?? "valid"}"));
            }
        }

        return new ConformanceResult("bip340", "schnorr verify", rows.Length, failures);
    }

    private static ConformanceResult RunEcrecover(ISignatureEngine engine, string path)
    {
        using var document = ParseJson(path);
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

            // v is exactly 27 or 28 as a 256-bit word; anything else maps to an id that no backend accepts.
            var v = input.AsSpan(32, 32);
            var ok = v[..31].IndexOfAnyExcept((byte)0) < 0 && v[31] is 27 or 28;
            signatures[(65 * i) + 64] = ok ? (byte)(v[31] - 27) : (byte)0xFF;
        }

        var keys = new byte[64 * n];
        var addresses = new byte[20 * n];
        var results = new SignatureError[n];
        engine.Recover(digests, signatures, keys, addresses, results);
        var failures = new List<string>();
        for (var i = 0; i < n; i++)
        {
            var expected = vectors[i].GetProperty("Expected").GetString()!;
            var actual = results[i] == SignatureError.None ? "000000000000000000000000" + Convert.ToHexStringLower(addresses.AsSpan(20 * i, 20)) : string.Empty;
            if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{vectors[i].GetProperty("Name").GetString()}: expected '{expected}', got '{actual}'");
            }
        }

        return new ConformanceResult("go-ethereum ecrecover", "recover", n, failures);
    }
}
