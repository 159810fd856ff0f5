using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace GpuValidate.Benchmarks.Crypto;

/// <summary>Short runs (each invocation is a whole batch, so few iterations suffice) plus the ops/s column.</summary>
public sealed class CryptoConfig : ManualConfig
{
    public CryptoConfig()
    {
        AddJob(Job.ShortRun.WithWarmupCount(1).WithIterationCount(5));
        AddColumn(new OpsPerSecondColumn());
    }
}
