using GpuValidate.Engine.Backends;

namespace GpuValidate.Engine.Selection;

/// <summary>An accelerator the selector may use, and how to build an engine on it.</summary>
/// <param name="Device">What ILGPU reports about it.</param>
/// <param name="Create">Builds the engine; may throw when the device or its driver fails.</param>
internal sealed record GpuCandidate(DeviceInfo Device, Func<ISignatureEngine> Create);
