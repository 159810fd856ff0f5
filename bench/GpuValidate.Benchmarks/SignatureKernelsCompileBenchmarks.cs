using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using GpuValidate.Kernels.Secp256k1;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;

namespace GpuValidate.Benchmarks;

/// <summary>
/// The first call on a fresh <see cref="SignatureKernels"/> over ILGPU's CPU accelerator: compiling the kernel plus
/// one item. Cold start, one call per iteration, with a new context, accelerator and instance each time so that no
/// compiled kernel is reused.
/// </summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class SignatureKernelsCompileBenchmarks : IDisposable
{
    private Context? _context;
    private Accelerator? _accelerator;
    private SignatureKernels? _kernels;
    private Secp256k1BenchmarkSignatures? _items;
    private readonly byte[] _status = new byte[1];
    private readonly byte[] _keys = new byte[64];
    private readonly byte[] _addresses = new byte[20];

    [GlobalSetup]
    public void Setup() => _items = new Secp256k1BenchmarkSignatures(1);

    [IterationSetup]
    public void NewInstance()
    {
        Release();
        _context = Context.Create(builder => builder.CPU());
        _accelerator = _context.CreateCPUAccelerator(0);
        _kernels = new SignatureKernels(_accelerator);
    }

    [Benchmark]
    public void FirstVerifyEcdsa() =>
        _kernels!.VerifyEcdsa(_items!.Digests, _items.EcdsaSignatures, _items.PublicKeys, _items.PublicKeyLengths, true, _status);

    [Benchmark]
    public void FirstVerifySchnorr() =>
        _kernels!.VerifySchnorr(_items!.XOnlyKeys, _items.SchnorrSignatures, _items.Digests, _items.Offsets, _items.Lengths, _status);

    [Benchmark]
    public void FirstRecover() =>
        _kernels!.Recover(_items!.Digests, _items.RecoverableSignatures, _keys, _addresses, _status);

    [GlobalCleanup]
    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private void Release()
    {
        _kernels?.Dispose();
        _accelerator?.Dispose();
        _context?.Dispose();
        _kernels = null;
        _accelerator = null;
        _context = null;
    }
}
