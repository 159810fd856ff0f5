using Xunit.Abstractions;

namespace GpuValidate.Kernels.Tests.Secp256k1;

/// <summary>A seeded <see cref="Random"/> whose seed is logged (replay with GPUVALIDATE_TEST_SEED); counts scale with GPUVALIDATE_TEST_SCALE.</summary>
internal static class SeededRandom
{
    public static int Scale =>
        int.TryParse(Environment.GetEnvironmentVariable("GPUVALIDATE_TEST_SCALE"), out var scale) && scale > 0 ? scale : 1;

    public static Random Create(ITestOutputHelper output)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("GPUVALIDATE_TEST_SEED"), out var replay) ? replay : System.Random.Shared.Next();
        output.WriteLine($"seed {seed} (set GPUVALIDATE_TEST_SEED to replay), scale {Scale}");
        return new Random(seed);
    }
}
