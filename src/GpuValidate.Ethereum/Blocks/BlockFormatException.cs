namespace GpuValidate.Ethereum.Blocks;

/// <summary>
/// A block or genesis file that cannot be read: invalid JSON, a missing, duplicate, oversized or malformed
/// field, a truncated file. The only exception the readers throw for bad input; the message names the line
/// and the field.
/// </summary>
public sealed class BlockFormatException : FormatException
{
    /// <summary>Creates the exception; <paramref name="line"/> is 1-based (0 when not known).</summary>
    public BlockFormatException(string source, long line, string? field, string problem)
        : base(Describe(source, line, field, problem))
    {
        SourceName = source;
        Line = line;
        Field = field;
        Problem = problem;
    }

    /// <summary>The file name (or a description of the stream).</summary>
    public string SourceName { get; }

    /// <summary>The 1-based line, or 0 when the problem is not tied to one.</summary>
    public long Line { get; }

    /// <summary>The field (a JSON path such as <c>transactions[3]</c> or <c>alloc.0x..balance</c>), or null.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Describe(string source, long line, string? field, string problem)
    {
        var where = line > 0 ? $"{source}:{line}" : source;
        var text = field is null ? $"{where}: {problem}" : $"{where}: {field}: {problem}";

        // Field names and values come from the file: control characters are escaped so the message stays one line.
        return string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}
