using GpuValidate.Engine.Conformance;

namespace GpuValidate.Engine.Tests.Support;

/// <summary>Assertions over <see cref="EngineResults"/>.</summary>
internal static class EngineResultsAssert
{
    /// <summary>Fails with the first differences unless every output equals <paramref name="expected"/>'s.</summary>
    public static void AssertEqual(this EngineResults actual, EngineResults expected)
    {
        var differences = actual.Differences(expected, max: 10);
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }
}
