using GpuValidate.Engine.Backends;
using GpuValidate.Engine.Backends.Ilgpu;

namespace GpuValidate.Engine.Selection;

/// <summary>The accelerators of one kind that ILGPU finds, as candidates for the selector.</summary>
internal static class IlgpuDevices
{
    public static IReadOnlyList<GpuCandidate> Candidates(BackendKind kind)
    {
        IReadOnlyList<DeviceInfo> devices;
        try
        {
            devices = DeviceInventory.List();
        }
#pragma warning disable CA1031 // A broken driver stack means no devices, not a crash.
        catch (Exception)
#pragma warning restore CA1031
        {
            return [];
        }

        return devices
            .Where(d => d.Backend == kind)
            .Select(d => new GpuCandidate(d, () => IlgpuEngine.Create(kind, d.Index)))
            .ToArray();
    }
}
