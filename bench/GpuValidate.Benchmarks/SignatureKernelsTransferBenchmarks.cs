using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using GpuValidate.Kernels.Secp256k1;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace GpuValidate.Benchmarks;

/// <summary>
/// What the copies cost next to the ecrecover kernel, on the first CUDA or OpenCL device ILGPU finds (else its CPU
/// accelerator): the kernel alone over inputs already on the device, then <see cref="SignatureKernels.Recover"/> end
/// to end as one chunk on one stream, and split into chunks of max(256, batch / 4) items over three streams so copies overlap kernels.
/// Batch sizes come from <c>GPUVALIDATE_BENCH_BATCHES</c> (comma-separated; default 1024,65536; add 1048576 on a GPU).
/// </summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class SignatureKernelsTransferBenchmarks : IDisposable
{
    private Context? _context;
    private Accelerator? _accelerator;
    private SignatureKernels? _singleStream;
    private SignatureKernels? _pipelined;
    private Secp256k1BenchmarkSignatures? _items;
    private MemoryBuffer1D<uint, Stride1D.Dense>? _table;
    private MemoryBuffer1D<byte, Stride1D.Dense>? _digests;
    private MemoryBuffer1D<byte, Stride1D.Dense>? _signatures;
    private MemoryBuffer1D<byte, Stride1D.Dense>? _deviceKeys;
    private MemoryBuffer1D<byte, Stride1D.Dense>? _deviceAddresses;
    private MemoryBuffer1D<byte, Stride1D.Dense>? _deviceStatus;
    private Action<AcceleratorStream, Index1D, ArrayView<byte>, ArrayView<byte>, ArrayView<uint>, ArrayView<byte>, ArrayView<byte>, ArrayView<byte>>? _kernel;
    private byte[] _status = [];
    private byte[] _keys = [];
    private byte[] _addresses = [];

    /// <summary>Items per call.</summary>
    [ParamsSource(nameof(BatchSizes))]
    public int BatchSize { get; set; }

    /// <summary>The batch sizes to run, from <c>GPUVALIDATE_BENCH_BATCHES</c>.</summary>
    public static IEnumerable<int> BatchSizes() =>
        (Environment.GetEnvironmentVariable("GPUVALIDATE_BENCH_BATCHES") ?? "1024,65536")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture));

    [GlobalSetup]
    public void Setup()
    {
        _items = new Secp256k1BenchmarkSignatures(BatchSize);
        _context = Context.Create(builder => builder.Cuda().OpenCL().CPU());
        var device = _context.Devices.FirstOrDefault(d => d.AcceleratorType == AcceleratorType.Cuda)
            ?? _context.Devices.FirstOrDefault(d => d.AcceleratorType == AcceleratorType.OpenCL)
            ?? _context.Devices.First(d => d.AcceleratorType == AcceleratorType.CPU);
        _accelerator = device.CreateAccelerator(_context);
        Console.WriteLine($"// accelerator: {_accelerator.AcceleratorType} {_accelerator.Name}");

        _singleStream = new SignatureKernels(_accelerator, new SignatureKernelsOptions { ChunkSize = int.MaxValue, Streams = 1 });
        _pipelined = new SignatureKernels(_accelerator, new SignatureKernelsOptions { ChunkSize = Math.Max(256, BatchSize / 4), Streams = 3 });
        _status = new byte[BatchSize];
        _keys = new byte[64 * BatchSize];
        _addresses = new byte[20 * BatchSize];

        _table = _accelerator.Allocate1D(GeneratorTable.Limbs);
        _digests = _accelerator.Allocate1D(_items.Digests);
        _signatures = _accelerator.Allocate1D(_items.RecoverableSignatures);
        _deviceKeys = _accelerator.Allocate1D<byte>(64L * BatchSize);
        _deviceAddresses = _accelerator.Allocate1D<byte>(20L * BatchSize);
        _deviceStatus = _accelerator.Allocate1D<byte>(BatchSize);
        _kernel = _accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<byte>, ArrayView<byte>, ArrayView<uint>, ArrayView<byte>, ArrayView<byte>, ArrayView<byte>>(
            SignatureKernelBodies.Recover);

        KernelOnly();
        Check(_deviceStatus.GetAsArray1D());
        EndToEndSingleStream();
        Check(_status);
        Array.Clear(_status);
        EndToEndPipelined();
        Check(_status);
    }

    /// <summary>The ecrecover kernel over device-resident inputs, no copies.</summary>
    [Benchmark(Baseline = true)]
    public void KernelOnly()
    {
        _kernel!(_accelerator!.DefaultStream, BatchSize, _digests!.View, _signatures!.View, _table!.View, _deviceKeys!.View, _deviceAddresses!.View, _deviceStatus!.View);
        _accelerator.DefaultStream.Synchronize();
    }

    /// <summary>Staging, upload, kernel and download in sequence on one stream.</summary>
    [Benchmark]
    public void EndToEndSingleStream() =>
        _singleStream!.Recover(_items!.Digests, _items.RecoverableSignatures, _keys, _addresses, _status);

    /// <summary>Chunks of max(256, batch / 4) items over three streams: one chunk's copies overlap another's kernel.</summary>
    [Benchmark]
    public void EndToEndPipelined() =>
        _pipelined!.Recover(_items!.Digests, _items.RecoverableSignatures, _keys, _addresses, _status);

    [GlobalCleanup]
    public void Dispose()
    {
        _singleStream?.Dispose();
        _pipelined?.Dispose();
        _table?.Dispose();
        _digests?.Dispose();
        _signatures?.Dispose();
        _deviceKeys?.Dispose();
        _deviceAddresses?.Dispose();
        _deviceStatus?.Dispose();
        _accelerator?.Dispose();
        _context?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static void Check(byte[] status)
    {
        if (status.Any(s => s != SignatureStatus.Valid))
        {
            throw new InvalidOperationException("benchmark signatures do not recover");
        }
    }
}
