using System.Reflection;
using GpuValidate.Kernels.Secp256k1;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime.Cuda;
using Xunit.Abstractions;

namespace GpuValidate.Kernels.Tests.Secp256k1;

/// <summary>
/// ILGPU's PTX backend needs no device, so every signature kernel is compiled for CUDA here even on a machine
/// without a GPU: a construct the GPU backends cannot lower fails this test rather than only a GPU run.
/// </summary>
public sealed class SignatureKernelsPtxTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(nameof(SignatureKernelBodies.VerifyEcdsa))]
    [InlineData(nameof(SignatureKernelBodies.VerifySchnorr))]
    [InlineData(nameof(SignatureKernelBodies.Recover))]
    [InlineData(nameof(SignatureKernelBodies.RecoverSenders))]
    public void Signature_kernel_compiles_to_PTX_without_a_device(string kernel)
    {
        using var context = Context.Create(builder => builder.Cuda());
        // No NVVM library: ILGPU's own PTX generator (NVVM is an opt-in extra in ILGPU).
        using var backend = new PTXBackend(context, CudaArchitecture.SM_75, CudaInstructionSet.ISA_75, nvvmAPI: null!);
        var method = typeof(SignatureKernelBodies).GetMethod(kernel, BindingFlags.Public | BindingFlags.Static)!;
        var compiled = (PTXCompiledKernel)backend.Compile(EntryPointDescription.FromImplicitlyGroupedKernel(method), default);
        output.WriteLine($"{kernel}: {compiled.PTXAssembly.Length} characters of PTX");
        Assert.Contains(".visible .entry", compiled.PTXAssembly, StringComparison.Ordinal);
    }
}
