using GpuValidate.Kernels.Hashing;

namespace GpuValidate.Kernels.Tests.Hashing;

/// <summary><see cref="HashKernels"/> on the CPU accelerator and, where present, a GPU, shared by the collection.</summary>
public sealed class AcceleratorFixture() : KernelAccelerators<HashKernels>(accelerator => new HashKernels(accelerator));

[CollectionDefinition(Name)]
public sealed class AcceleratorCollection : ICollectionFixture<AcceleratorFixture>
{
    public const string Name = "Hashing accelerators";
}
