using Xunit.Abstractions;

namespace GpuValidate.Pipeline.Tests;

/// <summary>Seeded randomness for tests: the seed is logged, and GPUVALIDATE_TEST_SCALE multiplies iteration counts.</summary>
internal static class TestRandom
{
    public static int Scale =>
        int.TryParse(Environment.GetEnvironmentVariable("GPUVALIDATE_TEST_SCALE"), out var scale) && scale > 0 ? scale : 1;

    public static int Seed(ITestOutputHelper output, int fallback)
    {
        var chosen = int.TryParse(Environment.GetEnvironmentVariable("GPUVALIDATE_TEST_SEED"), out var fixedSeed) ? fixedSeed : fallback;
        output.WriteLine($"seed {chosen} (GPUVALIDATE_TEST_SEED={chosen} reproduces), scale {Scale}");
        return chosen;
    }
}
