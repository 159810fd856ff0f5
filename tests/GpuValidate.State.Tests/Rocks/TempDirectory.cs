using System.Security.Cryptography;

namespace GpuValidate.State.Tests.Rocks;

/// <summary>A fresh directory under the temp folder, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gpuvalidate-state-" + Guid.NewGuid().ToString("N"));
    }

    public string Path { get; }

    /// <summary>SHA-256 of every file under the directory, keyed by relative path.</summary>
    public static Dictionary<string, string> FileHashes(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).ToDictionary(
            file => System.IO.Path.GetRelativePath(directory, file),
            file => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))));

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail the test.
        }
    }
}
