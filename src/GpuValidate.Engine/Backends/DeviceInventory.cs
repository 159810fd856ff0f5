using ILGPU;
using ILGPU.Runtime;

namespace GpuValidate.Engine.Backends;

/// <summary>Lists the accelerators ILGPU can see on this machine.</summary>
public static class DeviceInventory
{
    /// <summary>
    /// Every CUDA, OpenCL and CPU accelerator, GPUs first. Driver failures while probing are
    /// not errors: a machine without a GPU simply lists the CPU accelerator.
    /// </summary>
    public static IReadOnlyList<DeviceInfo> List()
    {
        using var context = Context.Create(builder => builder.AllAccelerators());
        var devices = new List<DeviceInfo>();
        var index = 0;
        foreach (var device in context)
        {
            var backend = device.AcceleratorType switch
            {
                AcceleratorType.Cuda => BackendKind.Cuda,
                AcceleratorType.OpenCL => BackendKind.OpenCL,
                _ => BackendKind.IlgpuCpu,
            };
            devices.Add(new DeviceInfo(
                backend,
                device.Name,
                device.MemorySize,
                device.NumMultiprocessors,
                device.WarpSize,
                device.MaxNumThreadsPerGroup,
                index++));
        }

        devices.Sort((a, b) => Rank(a.Backend).CompareTo(Rank(b.Backend)));
        return devices;
    }

    private static int Rank(BackendKind kind) => kind switch
    {
        BackendKind.Cuda => 0,
        BackendKind.OpenCL => 1,
        _ => 2,
    };
}
