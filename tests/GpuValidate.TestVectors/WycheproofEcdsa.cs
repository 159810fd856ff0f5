using System.Text.Json;

namespace GpuValidate.TestVectors;

/// <summary>One Wycheproof ECDSA verify case.</summary>
/// <param name="File">The suite file it came from.</param>
/// <param name="TcId">The case number within the file.</param>
/// <param name="Comment">Wycheproof's description of the case.</param>
/// <param name="PublicKey">The 65-byte uncompressed SEC1 key.</param>
/// <param name="Message">The raw message; hash it with <see cref="Sha"/>.</param>
/// <param name="Signature">DER or P1363 (r||s) bytes, as the file's schema says.</param>
/// <param name="Sha">"SHA-256" or "SHA-512".</param>
/// <param name="IsP1363">True when the signature is fixed-width r||s rather than DER.</param>
/// <param name="Valid">Whether the suite expects the signature to verify.</param>
public sealed record WycheproofCase(
    string File,
    int TcId,
    string Comment,
    byte[] PublicKey,
    byte[] Message,
    byte[] Signature,
    string Sha,
    bool IsP1363,
    bool Valid)
{
    /// <inheritdoc/>
    public override string ToString() => $"{File}#{TcId} {Comment}";
}

/// <summary>Loads the Wycheproof secp256k1 ECDSA suites.</summary>
public static class WycheproofEcdsa
{
    /// <summary>DER signatures, plain ECDSA (high-S accepted).</summary>
    public const string Sha256 = "ecdsa_secp256k1_sha256_test.json";

    /// <summary>DER signatures, Bitcoin rules: strict DER and low-S.</summary>
    public const string Sha256Bitcoin = "ecdsa_secp256k1_sha256_bitcoin_test.json";

    /// <summary>P1363 (r||s) signatures, plain ECDSA.</summary>
    public const string Sha256P1363 = "ecdsa_secp256k1_sha256_p1363_test.json";

    /// <summary>DER signatures over SHA-512 digests (truncated to 256 bits), plain ECDSA.</summary>
    public const string Sha512 = "ecdsa_secp256k1_sha512_test.json";

    /// <summary>P1363 signatures over SHA-512 digests, plain ECDSA.</summary>
    public const string Sha512P1363 = "ecdsa_secp256k1_sha512_p1363_test.json";

    /// <summary>Every suite file shipped.</summary>
    public static readonly string[] AllFiles = [Sha256, Sha256Bitcoin, Sha256P1363, Sha512, Sha512P1363];

    /// <summary>Every case in one suite file. The files contain no "acceptable" results.</summary>
    public static IReadOnlyList<WycheproofCase> Load(string file)
    {
        using var stream = System.IO.File.OpenRead(VectorFiles.PathOf(Path.Combine("wycheproof", file)));
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var isP1363 = root.GetProperty("schema").GetString()!.Contains("p1363", StringComparison.OrdinalIgnoreCase);
        var cases = new List<WycheproofCase>();
        foreach (var group in root.GetProperty("testGroups").EnumerateArray())
        {
            var key = Convert.FromHexString(group.GetProperty("publicKey").GetProperty("uncompressed").GetString()!);
            var sha = group.GetProperty("sha").GetString()!;
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                var result = test.GetProperty("result").GetString();
                if (result is not ("valid" or "invalid"))
                {
                    throw new InvalidDataException($"{file}: unexpected result '{result}'");
                }

                cases.Add(new WycheproofCase(
                    file,
                    test.GetProperty("tcId").GetInt32(),
                    test.GetProperty("comment").GetString() ?? string.Empty,
                    key,
                    Convert.FromHexString(test.GetProperty("msg").GetString()!),
                    Convert.FromHexString(test.GetProperty("sig").GetString()!),
                    sha,
                    isP1363,
                    result == "valid"));
            }
        }

        return cases;
    }
}
