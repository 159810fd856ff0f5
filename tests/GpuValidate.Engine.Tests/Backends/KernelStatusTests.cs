using GpuValidate.Kernels.Secp256k1;

namespace GpuValidate.Engine.Tests.Backends;

/// <summary>The ILGPU engine reinterprets the kernels' status bytes as <see cref="SignatureError"/>: the values must match.</summary>
public sealed class KernelStatusTests
{
    [Theory]
    [InlineData(SignatureStatus.Valid, SignatureError.None)]
    [InlineData(SignatureStatus.BadSignature, SignatureError.BadSignature)]
    [InlineData(SignatureStatus.BadPublicKey, SignatureError.BadPublicKey)]
    [InlineData(SignatureStatus.ROutOfRange, SignatureError.ROutOfRange)]
    [InlineData(SignatureStatus.SOutOfRange, SignatureError.SOutOfRange)]
    [InlineData(SignatureStatus.HighS, SignatureError.HighS)]
    [InlineData(SignatureStatus.RecoveryFailed, SignatureError.RecoveryFailed)]
    [InlineData(SignatureStatus.BadRecoveryId, SignatureError.BadRecoveryId)]
    public void Kernel_status_bytes_equal_the_engine_error_values(byte status, SignatureError error)
    {
        Assert.Equal((byte)error, status);
    }
}
