using BenchmarkDotNet.Running;
using GpuValidate.Benchmarks.Crypto;

if (args.Length > 0 && args[0] == "--crypto-scaling")
{
    ScalingProbe.Run(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 65536,
        args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1,
        Console.Out);
    Console.WriteLine($"load average at the end {ScalingProbe.LoadAverage()}");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
