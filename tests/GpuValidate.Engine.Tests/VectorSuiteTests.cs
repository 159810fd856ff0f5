using GpuValidate.TestVectors;

namespace GpuValidate.Engine.Tests;

/// <summary>The shipped suites load whole: a truncated copy would make every vector test weaker.</summary>
public sealed class VectorSuiteTests
{
    [Theory]
    [InlineData(WycheproofEcdsa.Sha256, 476, 168)]
    [InlineData(WycheproofEcdsa.Sha256Bitcoin, 463, 162)]
    [InlineData(WycheproofEcdsa.Sha256P1363, 252, 167)]
    [InlineData(WycheproofEcdsa.Sha512, 546, 237)]
    [InlineData(WycheproofEcdsa.Sha512P1363, 322, 236)]
    public void Wycheproof_suite_loads_every_case(string file, int total, int valid)
    {
        var cases = WycheproofEcdsa.Load(file);

        Assert.Equal(total, cases.Count);
        Assert.Equal(valid, cases.Count(c => c.Valid));
    }

    [Fact]
    public void Bip340_suite_loads_every_row()
    {
        var cases = Bip340Vectors.Load();

        Assert.Equal(19, cases.Count);
        Assert.Equal(9, cases.Count(c => c.Valid));
        Assert.Contains(cases, c => c.Message.Length == 0);
    }
}
