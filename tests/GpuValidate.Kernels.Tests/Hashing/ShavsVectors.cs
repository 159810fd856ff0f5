using GpuValidate.TestVectors;

namespace GpuValidate.Kernels.Tests.Hashing;

/// <summary>NIST CAVS SHA-256 byte-oriented ShortMsg and LongMsg vectors from the shipped .rsp files.</summary>
internal static class ShavsVectors
{
    public sealed record Vector(string Name, byte[] Message, byte[] Digest);

    public static IReadOnlyList<Vector> All() => [.. Load("SHA256ShortMsg.rsp"), .. Load("SHA256LongMsg.rsp")];

    public static IEnumerable<Vector> Load(string file)
    {
        int? bits = null;
        byte[]? message = null;
        foreach (var raw in File.ReadLines(VectorFiles.PathOf(Path.Combine("nist-shavs-sha256", file))))
        {
            var line = raw.Trim();
            if (line.StartsWith("Len = ", StringComparison.Ordinal))
            {
                bits = int.Parse(line[6..], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("Msg = ", StringComparison.Ordinal))
            {
                // "Len = 0" still carries "Msg = 00": the length decides, not the hex.
                message = Convert.FromHexString(line[6..]).AsSpan(0, bits!.Value / 8).ToArray();
            }
            else if (line.StartsWith("MD = ", StringComparison.Ordinal))
            {
                yield return new Vector($"{file} Len={bits}", message!, Convert.FromHexString(line[5..]));
                bits = null;
                message = null;
            }
        }
    }
}
