namespace GpuValidate.Engine.Tests.Support;

/// <summary>Iteration counts for random tests, scaled by <c>GPUVALIDATE_TEST_SCALE</c> (default 1).</summary>
internal static class TestScale
{
    public static int Factor { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("GPUVALIDATE_TEST_SCALE"), out var f) && f > 0 ? f : 1;

    public static int Of(int baseCount) => checked(baseCount * Factor);
}
