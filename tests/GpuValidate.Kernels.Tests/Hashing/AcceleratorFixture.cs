using GpuValidate.Kernels.Hashing;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace GpuValidate.Kernels.Tests.Hashing;

/// <summary>
/// One ILGPU CPU accelerator (always present) and, where the machine has one, one CUDA or OpenCL GPU, created once
/// for every test class in the collection together with their <see cref="HashKernels"/>, so kernels compile once.
/// </summary>
public sealed class AcceleratorFixture : IDisposable
{
    private readonly Context _cpuContext;
    private readonly Context? _gpuContext;

    public AcceleratorFixture()
    {
        _cpuContext = Context.Create(builder => builder.CPU());
        CpuAccelerator = _cpuContext.CreateCPUAccelerator(0);
        CpuKernels = new HashKernels(CpuAccelerator);

        try
        {
            _gpuContext = Context.Create(builder => builder.Cuda().OpenCL());
            var device = _gpuContext.Devices.FirstOrDefault(d => d.AcceleratorType == AcceleratorType.Cuda)
                ?? _gpuContext.Devices.FirstOrDefault(d => d.AcceleratorType == AcceleratorType.OpenCL);
            if (device is null)
            {
                GpuUnavailableReason = "no CUDA or OpenCL device found by ILGPU on this machine";
            }
            else
            {
                GpuAccelerator = device.CreateAccelerator(_gpuContext);
                GpuKernels = new HashKernels(GpuAccelerator);
                GpuUnavailableReason = string.Empty;
            }
        }
#pragma warning disable CA1031 // Any driver failure means the GPU tests skip with its message, never fail.
        catch (Exception e)
#pragma warning restore CA1031
        {
            GpuUnavailableReason = $"no usable GPU: {e.GetType().Name}: {e.Message}";
        }
    }

    public Accelerator CpuAccelerator { get; }

    public HashKernels CpuKernels { get; }

    public Accelerator? GpuAccelerator { get; }

    public HashKernels? GpuKernels { get; }

    /// <summary>Why the GPU tests skip; empty when a GPU is present.</summary>
    public string GpuUnavailableReason { get; }

    public void Dispose()
    {
        GpuKernels?.Dispose();
        GpuAccelerator?.Dispose();
        _gpuContext?.Dispose();
        CpuKernels.Dispose();
        CpuAccelerator.Dispose();
        _cpuContext.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class AcceleratorCollection : ICollectionFixture<AcceleratorFixture>
{
    public const string Name = "Hashing accelerators";
}
