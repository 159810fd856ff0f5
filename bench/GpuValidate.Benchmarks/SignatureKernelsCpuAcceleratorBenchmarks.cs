using BenchmarkDotNet.Attributes;
using GpuValidate.Kernels.Secp256k1;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;

namespace GpuValidate.Benchmarks;

/// <summary>
/// <see cref="SignatureKernels"/> on ILGPU's CPU accelerator (what the ilgpu-cpu backend runs), end to end with the
/// copies, over a batch of valid signatures. Kernels are compiled in the global setup, outside the timing.
/// </summary>
[MemoryDiagnoser]
public class SignatureKernelsCpuAcceleratorBenchmarks : IDisposable
{
    private Context? _context;
    private Accelerator? _accelerator;
    private SignatureKernels? _kernels;
    private Secp256k1BenchmarkSignatures? _items;
    private byte[] _status = [];
    private byte[] _keys = [];
    private byte[] _addresses = [];

    [Params(256)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _items = new Secp256k1BenchmarkSignatures(BatchSize);
        _context = Context.Create(builder => builder.CPU());
        _accelerator = _context.CreateCPUAccelerator(0);
        _kernels = new SignatureKernels(_accelerator);
        _status = new byte[BatchSize];
        _keys = new byte[64 * BatchSize];
        _addresses = new byte[20 * BatchSize];
        VerifyEcdsa();
        Check();
        VerifySchnorr();
        Check();
        Recover();
        Check();
    }

    [Benchmark]
    public void VerifyEcdsa() =>
        _kernels!.VerifyEcdsa(_items!.Digests, _items.EcdsaSignatures, _items.PublicKeys, _items.PublicKeyLengths, true, _status);

    [Benchmark]
    public void VerifySchnorr() =>
        _kernels!.VerifySchnorr(_items!.XOnlyKeys, _items.SchnorrSignatures, _items.Digests, _items.Offsets, _items.Lengths, _status);

    [Benchmark]
    public void Recover() =>
        _kernels!.Recover(_items!.Digests, _items.RecoverableSignatures, _keys, _addresses, _status);

    [GlobalCleanup]
    public void Dispose()
    {
        _kernels?.Dispose();
        _accelerator?.Dispose();
        _context?.Dispose();
        GC.SuppressFinalize(this);
    }

    private void Check()
    {
        if (_status.Any(s => s != SignatureStatus.Valid))
        {
            throw new InvalidOperationException("benchmark signatures do not verify");
        }
    }
}
