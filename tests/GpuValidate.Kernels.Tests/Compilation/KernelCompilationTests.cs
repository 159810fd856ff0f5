using System.Reflection;
using GpuValidate.Kernels.Hashing;
using GpuValidate.Kernels.Secp256k1;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.OpenCL;
using ILGPU.Backends.PTX;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using Xunit.Abstractions;

namespace GpuValidate.Kernels.Tests.Compilation;

/// <summary>
/// Every kernel the engine loads, compiled offline by ILGPU's own PTX (CUDA) and OpenCL C backends, which need no
/// device. ILGPU's CPU accelerator runs kernels as .NET code and never translates them, so it cannot show that a
/// kernel uses only what the GPU backends translate (no managed arrays, exceptions, virtual calls...); this can, on a
/// machine without a GPU. It does not show that the GPU computes the right answers: the GPU tests do, where a GPU is.
/// </summary>
public sealed class KernelCompilationTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Kernels()
    {
        var data = new TheoryData<string, string>();
        foreach (var backend in new[] { "ptx", "opencl" })
        {
            foreach (var kernel in EntryPoints.Keys)
            {
                data.Add(backend, kernel);
            }
        }

        return data;
    }

    private static Dictionary<string, MethodInfo> EntryPoints { get; } = new()
    {
        ["ecdsa-verify"] = Method(typeof(SignatureKernelBodies), nameof(SignatureKernelBodies.VerifyEcdsa)),
        ["schnorr-verify"] = Method(typeof(SignatureKernelBodies), nameof(SignatureKernelBodies.VerifySchnorr)),
        ["recover"] = Method(typeof(SignatureKernelBodies), nameof(SignatureKernelBodies.Recover)),
        ["recover-senders"] = Method(typeof(SignatureKernelBodies), nameof(SignatureKernelBodies.RecoverSenders)),
        ["keccak256"] = Method(typeof(HashKernels), nameof(HashKernels.KeccakKernel)),
        ["sha256"] = Method(typeof(HashKernels), nameof(HashKernels.Sha256Kernel)),
        ["double-sha256"] = Method(typeof(HashKernels), nameof(HashKernels.DoubleSha256Kernel)),
        ["tagged-hash"] = Method(typeof(HashKernels), nameof(HashKernels.TaggedHashKernel)),
    };

    public static TheoryData<string, InliningMode> SignatureKernelsAndInliningModes()
    {
        var data = new TheoryData<string, InliningMode>();
        foreach (var kernel in new[] { "ecdsa-verify", "schnorr-verify", "recover", "recover-senders" })
        {
            data.Add(kernel, InliningMode.Conservative);
            data.Add(kernel, InliningMode.Disabled);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Kernel_compiles_for_the_gpu_backends(string backend, string kernel) => Compile(backend, kernel, InliningMode.Default);

    /// <summary>The engine's other inlining modes (GPUVALIDATE_ILGPU_INLINING), chosen to measure on a GPU, compile too.</summary>
    [Theory]
    [MemberData(nameof(SignatureKernelsAndInliningModes))]
    public void Signature_kernel_compiles_for_cuda_with_less_inlining(string kernel, InliningMode inlining) => Compile("ptx", kernel, inlining);

    private void Compile(string backend, string kernel, InliningMode inlining)
    {
        using var context = Context.Create(builder => builder.CPU(new CPUDevice(2, 1, 1)).Inlining(inlining));
        var entryPoint = EntryPointDescription.FromImplicitlyGroupedKernel(EntryPoints[kernel]);
        var started = DateTime.UtcNow;
        string code;
        if (backend == "ptx")
        {
            // sm_90 is the H100's architecture; PTX ISA 8.0 came with CUDA 12.0.
            using var ptx = new PTXBackend(context, CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, null!);
            code = ((PTXCompiledKernel)ptx.Compile(entryPoint, default)).PTXAssembly;
            Assert.Contains(".entry", code, StringComparison.Ordinal);
        }
        else
        {
            using var opencl = new CLBackend(
                context, new CLCapabilityContext(false, false, false, false, false), CLDeviceVendor.Nvidia, CLCVersion.CL20);
            code = ((CLCompiledKernel)opencl.Compile(entryPoint, default)).Source;
            Assert.Contains("kernel", code, StringComparison.Ordinal);
        }

        output.WriteLine($"{kernel} -> {backend}, inlining {inlining}: {code.Length:N0} characters in {(DateTime.UtcNow - started).TotalSeconds:F1} s");
    }

    private static MethodInfo Method(Type type, string name) =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
        ?? throw new InvalidOperationException($"{type.Name}.{name} not found");
}
