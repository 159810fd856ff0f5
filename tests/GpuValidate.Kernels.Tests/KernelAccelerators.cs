using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace GpuValidate.Kernels.Tests;

/// <summary>
/// A kernel set (<typeparamref name="TKernels"/>) on one ILGPU CPU accelerator (always present) and, where the
/// machine has one, on a CUDA or OpenCL GPU; created once for a test collection so each kernel compiles once.
/// </summary>
/// <typeparam name="TKernels">The kernels under test, made by the factory the derived fixture passes in.</typeparam>
public abstract class KernelAccelerators<TKernels> : IDisposable
    where TKernels : class, IDisposable
{
    private readonly Context _cpuContext;
    private readonly Context? _gpuContext;
    private bool _disposed;

    protected KernelAccelerators(Func<Accelerator, TKernels> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        _cpuContext = Context.Create(builder => builder.CPU());
        CpuAccelerator = _cpuContext.CreateCPUAccelerator(0);
        CpuKernels = create(CpuAccelerator);

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
                GpuKernels = create(GpuAccelerator);
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

    public TKernels CpuKernels { get; }

    public Accelerator? GpuAccelerator { get; }

    public TKernels? GpuKernels { get; }

    /// <summary>Why the GPU tests skip; empty when a GPU is present.</summary>
    public string GpuUnavailableReason { get; }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing)
        {
            return;
        }

        _disposed = true;
        GpuKernels?.Dispose();
        GpuAccelerator?.Dispose();
        _gpuContext?.Dispose();
        CpuKernels.Dispose();
        CpuAccelerator.Dispose();
        _cpuContext.Dispose();
    }
}
