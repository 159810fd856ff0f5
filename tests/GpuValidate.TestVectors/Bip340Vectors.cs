namespace GpuValidate.TestVectors;

/// <summary>One row of the BIP-340 test vectors.</summary>
/// <param name="Index">The row's index column.</param>
/// <param name="SecretKey">The signer's key, where the row gives one.</param>
/// <param name="PublicKey">The 32-byte x-only key.</param>
/// <param name="AuxRand">The signing randomness, where the row gives a secret key.</param>
/// <param name="Message">The message, of any length (rows 15-18 are not 32 bytes).</param>
/// <param name="Signature">The 64-byte signature.</param>
/// <param name="Valid">The expected verification result.</param>
/// <param name="Comment">The row's comment.</param>
public sealed record Bip340Case(
    int Index,
    byte[]? SecretKey,
    byte[] PublicKey,
    byte[]? AuxRand,
    byte[] Message,
    byte[] Signature,
    bool Valid,
    string Comment)
{
    /// <inheritdoc/>
    public override string ToString() => $"bip340#{Index} {Comment}";
}

/// <summary>Loads <c>bip340/test-vectors.csv</c>.</summary>
public static class Bip340Vectors
{
    /// <summary>Every row of the suite.</summary>
    public static IReadOnlyList<Bip340Case> Load()
    {
        var lines = File.ReadAllLines(VectorFiles.PathOf(Path.Combine("bip340", "test-vectors.csv")));
        var cases = new List<Bip340Case>();
        foreach (var line in lines.Skip(1))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            // The comment is the last column and never contains a comma in this file.
            var f = line.Split(',');
            cases.Add(new Bip340Case(
                int.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture),
                f[1].Length == 0 ? null : Convert.FromHexString(f[1]),
                Convert.FromHexString(f[2]),
                f[3].Length == 0 ? null : Convert.FromHexString(f[3]),
                Convert.FromHexString(f[4]),
                Convert.FromHexString(f[5]),
                f[6] == "TRUE",
                f.Length > 7 ? string.Join(',', f[7..]) : string.Empty));
        }

        return cases;
    }
}
