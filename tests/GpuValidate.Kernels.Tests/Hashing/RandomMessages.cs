using Xunit.Abstractions;

namespace GpuValidate.Kernels.Tests.Hashing;

/// <summary>Seeded random messages; the seed is logged so a failure can be replayed, the count scales with GPUVALIDATE_TEST_SCALE.</summary>
internal sealed class RandomMessages
{
    private readonly Random _random;

    public RandomMessages(ITestOutputHelper output, int? seed = null)
    {
        Seed = seed ?? (int.TryParse(Environment.GetEnvironmentVariable("GPUVALIDATE_TEST_SEED"), out var replay)
            ? replay
            : Random.Shared.Next());
        _random = new Random(Seed);
        output.WriteLine($"seed {Seed} (set GPUVALIDATE_TEST_SEED to replay), scale {Scale}");
    }

    public int Seed { get; }

    /// <summary>Multiplier for iteration counts: 1 by default, larger for a soak run.</summary>
    public static int Scale =>
        int.TryParse(Environment.GetEnvironmentVariable("GPUVALIDATE_TEST_SCALE"), out var scale) && scale > 0 ? scale : 1;

    public int Next(int minInclusive, int maxExclusive) => _random.Next(minInclusive, maxExclusive);

    public byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }
}
