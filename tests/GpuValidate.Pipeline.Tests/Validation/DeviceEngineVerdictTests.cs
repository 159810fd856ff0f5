using GpuValidate.Engine;
using GpuValidate.Engine.Backends;
using GpuValidate.Engine.Selection;
using GpuValidate.Ethereum.Tests.Transactions;
using GpuValidate.Pipeline.Validation;

namespace GpuValidate.Pipeline.Tests.Validation;

/// <summary>
/// The batch validator over the ILGPU engines (the CPU accelerator, CUDA, OpenCL) gives the verdicts the native
/// engine gives, on valid, invalid and malformed transactions. Skips with the reason when the backend cannot run here.
/// </summary>
public sealed class DeviceEngineVerdictTests
{
    [SkippableTheory]
    [InlineData(BackendKind.IlgpuCpu)]
    [InlineData(BackendKind.Cuda)]
    [InlineData(BackendKind.OpenCL)]
    public void Device_engine_verdicts_equal_native_verdicts(BackendKind backend)
    {
        ISignatureEngine device;
        try
        {
            device = SignatureEngineFactory.Create(backend);
        }
        catch (BackendUnavailableException e)
        {
            throw new SkipException($"{backend.ToName()} unavailable: {e.Message}");
        }

        var random = new Random(21);
        var raws = Enumerable.Range(0, 40)
            .Select(i => NethereumTransactions.Create(random, i % NethereumTransactions.KindCount, fixedChainId: 1).Raw)
            .Select((raw, i) => i % 9 == 4 ? raw[..^2] : raw)
            .Select(raw => (ReadOnlyMemory<byte>)raw)
            .ToList();
        using (device)
        using (var native = SignatureEngineFactory.Create(BackendKind.Native))
        {
            var expected = new TransactionBatchValidator(native).Validate(raws);
            var actual = new TransactionBatchValidator(device).Validate(raws);

            Assert.Equal(expected.Select(v => (v.Error, v.Hash, v.SigningHash, v.Sender)), actual.Select(v => (v.Error, v.Hash, v.SigningHash, v.Sender)));
        }
    }
}
