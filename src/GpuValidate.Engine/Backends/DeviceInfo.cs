namespace GpuValidate.Engine.Backends;

/// <summary>One accelerator that ILGPU found.</summary>
/// <param name="Backend">The backend that would run on it.</param>
/// <param name="Name">The device's own name.</param>
/// <param name="MemoryBytes">Device memory in bytes.</param>
/// <param name="Multiprocessors">Streaming multiprocessors or compute units.</param>
/// <param name="WarpSize">Threads per warp (or the CPU accelerator's simulated warp).</param>
/// <param name="MaxThreadsPerGroup">The largest group size the device accepts.</param>
/// <param name="Index">The device's position in ILGPU's enumeration.</param>
public sealed record DeviceInfo(
    BackendKind Backend,
    string Name,
    long MemoryBytes,
    int Multiprocessors,
    int WarpSize,
    int MaxThreadsPerGroup,
    int Index);
