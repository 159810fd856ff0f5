using System.Text.Json;
using GpuValidate.Cli.Commands;
using GpuValidate.Engine.Backends;

namespace GpuValidate.Cli.Tests;

/// <summary>The crypto benchmark's shape on a tiny batch; its figures are never asserted.</summary>
public sealed class CryptoSuiteTests
{
    private static readonly TimeSpan Brief = TimeSpan.FromMilliseconds(1);

    [Fact]
    public void Json_has_a_correct_row_per_operation_and_backend_with_native_as_the_unit()
    {
        var output = new StringWriter();

        var code = CryptoSuite.Run(BackendKind.Managed, [64], json: true, output, Brief, CancellationToken.None);

        Assert.Equal(0, code);
        using var document = JsonDocument.Parse(output.ToString());
        var rows = document.RootElement.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(4 * 3, rows.Length);
        Assert.Equal(
            ["ecdsa-verify", "keccak256", "recover", "schnorr-verify"],
            rows.Select(r => r.GetProperty("operation").GetString()).Distinct().Order());
        Assert.Equal(["managed", "native", "native-1t"], rows.Select(r => r.GetProperty("backend").GetString()).Distinct().Order());
        Assert.All(rows, r => Assert.True(r.GetProperty("correct").GetBoolean()));
        Assert.All(rows, r => Assert.True(r.GetProperty("opsPerSecond").GetDouble() > 0));
        Assert.All(rows.Where(r => r.GetProperty("backend").GetString() == "native"), r => Assert.Equal(1.0, r.GetProperty("vsNative").GetDouble()));
    }

    [Fact]
    public void Table_lists_every_operation()
    {
        var output = new StringWriter();

        var code = CryptoSuite.Run(BackendKind.Native, [16], json: false, output, Brief, CancellationToken.None);

        Assert.Equal(0, code);
        foreach (var operation in new[] { "ecdsa-verify", "schnorr-verify", "recover", "keccak256" })
        {
            Assert.Contains(operation, output.ToString(), StringComparison.Ordinal);
        }
    }
}
