using GpuValidate.Engine.Backends;

namespace GpuValidate.Engine.Tests;

public sealed class DeviceInventoryTests
{
    [Fact]
    public void Lists_the_cpu_accelerator_on_every_machine()
    {
        var devices = DeviceInventory.List();

        Assert.Contains(devices, d => d.Backend == BackendKind.IlgpuCpu);
    }

    [Fact]
    public void Gpus_are_listed_before_the_cpu_accelerator()
    {
        var devices = DeviceInventory.List();
        var firstCpu = devices.ToList().FindIndex(d => d.Backend == BackendKind.IlgpuCpu);

        Assert.DoesNotContain(devices.Skip(firstCpu), d => d.Backend is BackendKind.Cuda or BackendKind.OpenCL);
    }

    [Theory]
    [InlineData("auto", BackendKind.Auto)]
    [InlineData("cuda", BackendKind.Cuda)]
    [InlineData("opencl", BackendKind.OpenCL)]
    [InlineData("ilgpu-cpu", BackendKind.IlgpuCpu)]
    [InlineData("native", BackendKind.Native)]
    [InlineData("MANAGED", BackendKind.Managed)]
    public void Backend_names_parse_and_round_trip(string name, BackendKind expected)
    {
        Assert.True(BackendNames.TryParse(name, out var kind));
        Assert.Equal(expected, kind);
        Assert.Equal(name.ToLowerInvariant(), kind.ToName());
    }

    [Fact]
    public void Unknown_backend_name_does_not_parse()
    {
        Assert.False(BackendNames.TryParse("tpu", out _));
    }
}
