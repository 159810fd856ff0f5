using BenchmarkDotNet.Attributes;
using GpuValidate.Engine;
using GpuValidate.Engine.Backends;
using GpuValidate.Engine.Selection;
using GpuValidate.Engine.Workloads;
using Microsoft.Extensions.Logging.Abstractions;

namespace GpuValidate.Benchmarks.Crypto;

/// <summary>
/// Every available backend per operation and batch size; the ops/s column is batch size over mean time.
/// <c>native-1t</c> is libsecp256k1 on one thread, for the all-core scaling ratio. 1M-item batches run only
/// with <c>GPUVALIDATE_BENCH_1M=1</c>; <c>GPUVALIDATE_BENCH_SIZES=1024,4096</c> replaces the sizes.
/// Run: <c>dotnet run -c Release --project bench/GpuValidate.Benchmarks -- --filter '*CryptoBenchmarks*'</c>.
/// </summary>
[Config(typeof(CryptoConfig))]
public class CryptoBenchmarks
{
    private ISignatureEngine? _engine;
    private SignatureWorkload? _workload;

    [ParamsSource(nameof(Backends))]
    public string Backend { get; set; } = "native";

    [ParamsSource(nameof(BatchSizes))]
    public int Batch { get; set; }

    [ParamsAllValues]
    public CryptoOperation Operation { get; set; }

    public static IEnumerable<string> Backends()
    {
        yield return "native-1t";
        yield return "native";
        yield return "managed";
        foreach (var kind in new[] { BackendKind.Cuda, BackendKind.OpenCL })
        {
            if (DeviceInventory.List().Any(d => d.Backend == kind))
            {
                yield return kind.ToName();
                yield return "auto";
            }
        }
    }

    public static IEnumerable<int> BatchSizes()
    {
        // GPUVALIDATE_BENCH_SIZES=1024,4096 replaces the default sizes (quick runs on small machines).
        var sizes = Environment.GetEnvironmentVariable("GPUVALIDATE_BENCH_SIZES");
        if (!string.IsNullOrWhiteSpace(sizes))
        {
            foreach (var size in sizes.Split(','))
            {
                yield return int.Parse(size, System.Globalization.CultureInfo.InvariantCulture);
            }

            yield break;
        }

        yield return 1024;
        yield return 65536;
        if (Environment.GetEnvironmentVariable("GPUVALIDATE_BENCH_1M") == "1")
        {
            yield return 1 << 20;
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        _engine = Backend switch
        {
            "native-1t" => SignatureEngineFactory.Create(BackendKind.Native, threads: 1),
            _ when BackendNames.TryParse(Backend, out var kind) => SignatureEngineFactory.Select(new EngineOptions { Backend = kind }, NullLogger.Instance).Engine,
            _ => throw new ArgumentException($"unknown backend {Backend}"),
        };
        _workload = SignatureWorkload.Create(Batch);
        _workload.Run(_engine, Operation);
        if (_workload.Results.IndexOfAnyExcept(SignatureError.None) >= 0)
        {
            throw new InvalidOperationException($"{Backend} gives wrong verdicts on the valid workload");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _engine?.Dispose();

    [Benchmark]
    public void Run() => _workload!.Run(_engine!, Operation);
}
