using System.Diagnostics;
using System.Globalization;
using GpuValidate.Engine;
using GpuValidate.Engine.Backends;
using GpuValidate.Engine.Workloads;

namespace GpuValidate.Benchmarks.Crypto;

/// <summary>
/// The native backend's all-core scaling, measured in one run: per operation, libsecp256k1 on one thread, then on
/// every core, each for a fixed time on the same batch. Besides wall-clock rates it prints the process CPU time per
/// item, which separates pool overhead (more CPU per item) from other processes taking the cores (same CPU per
/// item, fewer items per second). On a shared machine, <c>rounds</c> &gt; 1 alternates the two measurements and
/// keeps the best of each, which approaches the rate with the cores free.
/// Run: <c>dotnet run -c Release --project bench/GpuValidate.Benchmarks -- --crypto-scaling [batch] [seconds] [rounds]</c>.
/// </summary>
public static class ScalingProbe
{
    public static void Run(int batch, double seconds, int rounds, TextWriter output)
    {
        var workload = SignatureWorkload.Create(batch);
        var cores = Environment.ProcessorCount;
        output.WriteLine($"native libsecp256k1, batch {batch}, {seconds} s per measurement, best of {rounds}, {cores} cores, load average {LoadAverage()}");
        output.WriteLine("operation       1 thread ops/s  all cores ops/s  ratio  ratio/P   CPU us/item (1t / all)");
        foreach (var operation in Enum.GetValues<CryptoOperation>())
        {
            using var single = SignatureEngineFactory.Create(BackendKind.Native, threads: 1);
            using var all = SignatureEngineFactory.Create(BackendKind.Native, threads: cores);
            var (singleRate, singleCpu, allRate, allCpu) = (0.0, 0.0, 0.0, 0.0);
            for (var round = 0; round < rounds; round++)
            {
                var (rate, cpu) = Measure(workload, single, operation, seconds);
                (singleRate, singleCpu) = rate > singleRate ? (rate, cpu) : (singleRate, singleCpu);
                (rate, cpu) = Measure(workload, all, operation, seconds);
                (allRate, allCpu) = rate > allRate ? (rate, cpu) : (allRate, allCpu);
            }

            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{operation.ToName(),-15} {singleRate,14:N0}  {allRate,15:N0}  {allRate / singleRate,5:F2}  {allRate / singleRate / cores,6:P0}   {singleCpu,6:F2} / {allCpu:F2}"));
        }
    }

    private static (double Rate, double CpuMicrosPerItem) Measure(SignatureWorkload workload, ISignatureEngine engine, CryptoOperation operation, double seconds)
    {
        workload.Run(engine, operation);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var runs = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            workload.Run(engine, operation);
            runs++;
        }

        var elapsed = watch.Elapsed.TotalSeconds;
        process.Refresh();
        var items = (double)workload.Count * runs;
        return (items / elapsed, (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / items);
    }

    /// <summary>The load average, so a reader can tell a busy machine's figures from an idle one's.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
