namespace GpuValidate.TestVectors;

/// <summary>Finds the shipped vector files next to the test assembly.</summary>
public static class VectorFiles
{
    /// <summary>The folder the vectors were copied to at build time.</summary>
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "vectors");

    /// <summary>The full path of a vector file, relative to <c>tests/vectors/</c>.</summary>
    public static string PathOf(string relative)
    {
        var path = Path.Combine(Root, relative);
        return File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new FileNotFoundException($"vector file missing from the test output: {relative}", path);
    }
}
