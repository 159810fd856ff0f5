using GpuValidate.Engine.Backends;
using GpuValidate.Engine.Backends.Cpu;
using GpuValidate.Engine.Backends.Hybrid;
using GpuValidate.Engine.Selection;
using GpuValidate.Engine.Tests.Support;
using Microsoft.Extensions.Logging;

namespace GpuValidate.Engine.Tests.Selection;

/// <summary>
/// The selection rules, with fake devices: a "GPU" here is a real CPU engine behind a test double, which passes
/// the self-check because its answers are right, or fails it when corrupted.
/// </summary>
public sealed class BackendSelectorTests
{
    private static readonly EngineOptions Auto = new() { Threads = 1, Crossover = 16, CalibrationItems = 64 };

    private static GpuCandidate Device(BackendKind kind, string name, Func<ISignatureEngine> create, int multiprocessors = 10) =>
        new(new DeviceInfo(kind, name, 1L << 30, multiprocessors, 32, 1024, 0), create);

    private static GpuCandidate Good(BackendKind kind, string name, int multiprocessors = 10) =>
        Device(kind, name, () => new FakeDeviceEngine(CpuEngine.CreateManaged(1), name), multiprocessors);

    private static BackendSelector Selector(IReadOnlyList<GpuCandidate> devices, string? nativeFailure = null) =>
        new(kind => devices.Where(d => d.Device.Backend == kind).ToArray(), () => nativeFailure);

    [Fact]
    public void Auto_without_a_gpu_picks_native()
    {
        var selection = Selector([]).Select(Auto, new ListLogger());
        using var engine = selection.Engine;

        Assert.Equal(BackendKind.Native, selection.Backend);
        Assert.Contains("no CUDA or OpenCL GPU found", selection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_without_a_gpu_or_native_library_picks_managed()
    {
        var selection = Selector([], nativeFailure: "DllNotFoundException").Select(Auto, new ListLogger());
        using var engine = selection.Engine;

        Assert.Equal(BackendKind.Managed, selection.Backend);
        Assert.Contains("DllNotFoundException", selection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_with_a_gpu_that_passes_the_self_check_splits_it_with_the_cpu()
    {
        var selection = Selector([Good(BackendKind.Cuda, "Fake H100")]).Select(Auto, new ListLogger());
        using var engine = selection.Engine;

        Assert.Equal(BackendKind.Cuda, selection.Backend);
        Assert.IsType<HybridEngine>(selection.Engine);
        Assert.Contains("Fake H100", selection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_without_split_uses_the_fastest_gpu_alone()
    {
        var selection = Selector([Good(BackendKind.Cuda, "small", 8), Good(BackendKind.Cuda, "big", 132)])
            .Select(Auto with { SplitWithCpu = false }, new ListLogger());
        using var engine = selection.Engine;

        Assert.Equal("big", selection.Engine.Description);
    }

    [Fact]
    public void Auto_prefers_cuda_to_opencl()
    {
        var selection = Selector([Good(BackendKind.OpenCL, "cl", 500), Good(BackendKind.Cuda, "cu", 10)]).Select(Auto, new ListLogger());
        using var engine = selection.Engine;

        Assert.Equal(BackendKind.Cuda, selection.Backend);
    }

    [Fact]
    public void Auto_skips_a_gpu_that_fails_the_self_check()
    {
        var bad = Device(BackendKind.Cuda, "Broken GPU", () => new CorruptingEngine(CpuEngine.CreateNative(1)));

        var selection = Selector([bad]).Select(Auto, new ListLogger());
        using var engine = selection.Engine;

        Assert.Equal(BackendKind.Native, selection.Backend);
        Assert.Contains("Broken GPU", selection.Reason, StringComparison.Ordinal);
        Assert.Contains("self-check", selection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_skips_a_gpu_that_does_not_start()
    {
        var dead = Device(BackendKind.OpenCL, "Dead GPU", () => throw new InvalidOperationException("driver fault"));

        var selection = Selector([dead]).Select(Auto, new ListLogger());
        using var engine = selection.Engine;

        Assert.Equal(BackendKind.Native, selection.Backend);
        Assert.Contains("driver fault", selection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(BackendKind.Cuda)]
    [InlineData(BackendKind.OpenCL)]
    public void Explicit_gpu_backend_without_a_device_is_a_clear_error(BackendKind kind)
    {
        var e = Assert.Throws<BackendUnavailableException>(() => Selector([]).Select(new EngineOptions { Backend = kind }, new ListLogger()));

        Assert.Contains($"no {kind.ToName()} device", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Explicit_gpu_backend_whose_device_fails_the_self_check_is_an_error()
    {
        var bad = Device(BackendKind.Cuda, "Broken GPU", () => new CorruptingEngine(CpuEngine.CreateNative(1)));

        var e = Assert.Throws<BackendUnavailableException>(() => Selector([bad]).Select(new EngineOptions { Backend = BackendKind.Cuda }, new ListLogger()));

        Assert.Contains("Broken GPU", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_gpu_backend_runs_on_the_device_alone()
    {
        var selection = Selector([Good(BackendKind.Cuda, "cu")]).Select(new EngineOptions { Backend = BackendKind.Cuda }, new ListLogger());
        using var engine = selection.Engine;

        Assert.IsType<FakeDeviceEngine>(selection.Engine);
    }

    [Fact]
    public void Explicit_native_without_the_library_is_an_error()
    {
        Assert.Throws<BackendUnavailableException>(() =>
            Selector([], nativeFailure: "DllNotFoundException").Select(new EngineOptions { Backend = BackendKind.Native }, new ListLogger()));
    }

    [Fact]
    public void The_choice_is_logged_once()
    {
        var logger = new ListLogger();

        using var engine = Selector([]).Select(Auto, logger).Engine;

        Assert.Single(logger.Entries, e => e.Level == LogLevel.Information && e.Message.StartsWith("backend native:", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Factory_auto_on_a_machine_without_a_gpu_picks_native()
    {
        Skip.If(DeviceInventory.List().Any(d => d.Backend is BackendKind.Cuda or BackendKind.OpenCL), "this machine has a GPU");

        var selection = SignatureEngineFactory.Select(new EngineOptions());
        using var engine = selection.Engine;

        Assert.Equal(BackendKind.Native, selection.Backend);
    }

    [SkippableFact]
    public void Factory_cuda_on_a_machine_without_cuda_is_a_clear_error()
    {
        Skip.If(DeviceInventory.List().Any(d => d.Backend == BackendKind.Cuda), "this machine has a CUDA device");

        Assert.Throws<BackendUnavailableException>(() => SignatureEngineFactory.Create(BackendKind.Cuda));
    }
}
