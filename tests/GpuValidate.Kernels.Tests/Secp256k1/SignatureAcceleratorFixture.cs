using GpuValidate.Kernels.Secp256k1;

namespace GpuValidate.Kernels.Tests.Secp256k1;

/// <summary><see cref="SignatureKernels"/> on the CPU accelerator and, where present, a GPU, shared by the collection.</summary>
public sealed class SignatureAcceleratorFixture() : KernelAccelerators<SignatureKernels>(accelerator => new SignatureKernels(accelerator));

[CollectionDefinition(Name)]
public sealed class SignatureAcceleratorCollection : ICollectionFixture<SignatureAcceleratorFixture>
{
    public const string Name = "Signature accelerators";
}
