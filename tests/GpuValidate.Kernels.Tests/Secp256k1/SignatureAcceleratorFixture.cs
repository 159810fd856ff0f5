using GpuValidate.Kernels.Secp256k1;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace GpuValidate.Kernels.Tests.Secp256k1;

/// <summary>
/// <see cref="SignatureKernels"/> on ILGPU's CPU accelerator (always present) and, where the machine has one, on a
/// CUDA or OpenCL GPU; created once for the collection so each kernel compiles once.
/// </summary>
public sealed class SignatureAcceleratorFixture : IDisposable
{
    private readonly Context _cpuContext;
    private readonly Context? _gpuContext;
    private readonly Accelerator _cpuAccelerator;
    private readonly Accelerator? _gpuAccelerator;

    public SignatureAcceleratorFixture()
    {
        _cpuContext = Context.Create(builder => builder.CPU());
        _cpuAccelerator = _cpuContext.CreateCPUAccelerator(0);
        CpuKernels = new SignatureKernels(_cpuAccelerator);

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
                _gpuAccelerator = device.CreateAccelerator(_gpuContext);
                GpuKernels = new SignatureKernels(_gpuAccelerator);
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

    public SignatureKernels CpuKernels { get; }

    public SignatureKernels? GpuKernels { get; }

    /// <summary>Why the GPU tests skip; empty when a GPU is present.</summary>
    public string GpuUnavailableReason { get; }

    public void Dispose()
    {
        GpuKernels?.Dispose();
        _gpuAccelerator?.Dispose();
        _gpuContext?.Dispose();
        CpuKernels.Dispose();
        _cpuAccelerator.Dispose();
        _cpuContext.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SignatureAcceleratorCollection : ICollectionFixture<SignatureAcceleratorFixture>
{
    public const string Name = "Signature accelerators";
}
