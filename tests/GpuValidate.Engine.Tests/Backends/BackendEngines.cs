using GpuValidate.Engine.Backends;
using GpuValidate.Engine.Backends.Cpu;
using GpuValidate.Engine.Backends.Hybrid;
using GpuValidate.Engine.Selection;
using GpuValidate.Engine.Tests.Support;

namespace GpuValidate.Engine.Tests.Backends;

/// <summary>
/// One engine per backend, created on first use and shared by every test in the collection (kernels compile once).
/// <c>hybrid</c> is the GPU+CPU split with a fake device (a managed engine behind a test double) and the native
/// CPU engine, with a crossover low enough that every vector batch is split; <c>hybrid-ilgpu-cpu</c> splits between
/// the real kernels on ILGPU's CPU accelerator (the <c>ilgpu-cpu</c> engine, borrowed) and native.
/// </summary>
public sealed class BackendEngines : IDisposable
{
    /// <summary>Every backend the suite runs against; GPU ones skip where absent.</summary>
    public static readonly string[] Names = ["native", "managed", "hybrid", "ilgpu-cpu", "hybrid-ilgpu-cpu", "cuda", "opencl"];

    private readonly Dictionary<string, Lazy<(ISignatureEngine? Engine, string Skip)>> _engines;

    public BackendEngines()
    {
        _engines = Names.ToDictionary(n => n, n => new Lazy<(ISignatureEngine?, string)>(() => n == "hybrid-ilgpu-cpu" ? CreateIlgpuHybrid() : Create(n)));
    }

    /// <summary>Item counts for random tests: the ILGPU CPU accelerator runs kernels slowly.</summary>
    public static int RandomItems(string backend) => TestScale.Of(backend.Contains("ilgpu", StringComparison.Ordinal) ? 200 : 1000);

    /// <summary>The engine for <paramref name="backend"/>, or a skip (with its reason) when it cannot run here.</summary>
    public ISignatureEngine Get(string backend)
    {
        var (engine, skip) = _engines[backend].Value;
        Skip.If(engine is null, skip);
        return engine!;
    }

    public void Dispose()
    {
        foreach (var lazy in _engines.Values.Where(l => l.IsValueCreated))
        {
            lazy.Value.Engine?.Dispose();
        }
    }

    private (ISignatureEngine?, string) CreateIlgpuHybrid()
    {
        var (ilgpu, skip) = _engines["ilgpu-cpu"].Value;
        return ilgpu is null
            ? (null, skip)
            : (new HybridEngine(
                [new FakeDeviceEngine(ilgpu, ilgpu.Description, ownsInner: false)],
                CpuEngine.CreateNative(),
                new HybridOptions { Crossover = 2, CalibrationItems = 0 }), string.Empty);
    }

    private static (ISignatureEngine?, string) Create(string name)
    {
        switch (name)
        {
            case "native":
                return (CpuEngine.CreateNative(), string.Empty);
            case "managed":
                return (CpuEngine.CreateManaged(), string.Empty);
            case "hybrid":
                return (new HybridEngine(
                    [new FakeDeviceEngine(CpuEngine.CreateManaged(1), "fake-gpu")],
                    CpuEngine.CreateNative(),
                    new HybridOptions { Crossover = 2, CalibrationItems = 0 }), string.Empty);
            default:
                BackendNames.TryParse(name, out var kind);
                try
                {
                    return (SignatureEngineFactory.Select(new EngineOptions { Backend = kind }).Engine, string.Empty);
                }
                catch (BackendUnavailableException e)
                {
                    return (null, e.Message);
                }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BackendCollection : ICollectionFixture<BackendEngines>
{
    public const string Name = "Signature backends";
}
