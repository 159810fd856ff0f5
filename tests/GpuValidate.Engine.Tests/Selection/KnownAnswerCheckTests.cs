using GpuValidate.Engine.Backends.Cpu;
using GpuValidate.Engine.Selection;
using GpuValidate.Engine.Tests.Support;

namespace GpuValidate.Engine.Tests.Selection;

public sealed class KnownAnswerCheckTests
{
    [Fact]
    public void Native_engine_passes_the_self_check()
    {
        using var engine = CpuEngine.CreateNative(1);

        Assert.True(KnownAnswerCheck.Passes(engine, out var failure), failure);
    }

    [Fact]
    public void Managed_engine_passes_the_self_check()
    {
        using var engine = CpuEngine.CreateManaged(1);

        Assert.True(KnownAnswerCheck.Passes(engine, out var failure), failure);
    }

    [Fact]
    public void An_engine_with_wrong_ecdsa_verdicts_fails_the_self_check_with_a_reason()
    {
        using var engine = new CorruptingEngine(CpuEngine.CreateNative(1));

        Assert.False(KnownAnswerCheck.Passes(engine, out var failure));
        Assert.StartsWith("ecdsa", failure, StringComparison.Ordinal);
    }
}
