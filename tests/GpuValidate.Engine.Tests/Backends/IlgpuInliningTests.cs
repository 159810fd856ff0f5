using GpuValidate.Engine.Backends.Ilgpu;
using ILGPU;

namespace GpuValidate.Engine.Tests.Backends;

public sealed class IlgpuInliningTests
{
    [Theory]
    [InlineData(null, InliningMode.Default)]
    [InlineData("", InliningMode.Default)]
    [InlineData("default", InliningMode.Default)]
    [InlineData(" Conservative ", InliningMode.Conservative)]
    [InlineData("DISABLED", InliningMode.Disabled)]
    public void Mode_names_parse_in_any_case_and_unset_means_the_default(string? value, InliningMode expected)
    {
        Assert.True(IlgpuInlining.TryParse(value, out var mode));
        Assert.Equal(expected, mode);
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("aggressive")]
    [InlineData("0")]
    public void Anything_else_is_refused(string value) => Assert.False(IlgpuInlining.TryParse(value, out _));

    [Theory]
    [InlineData(InliningMode.Default)]
    [InlineData(InliningMode.Conservative)]
    [InlineData(InliningMode.Disabled)]
    public void A_mode_name_reads_back_as_the_same_mode(InliningMode mode)
    {
        Assert.True(IlgpuInlining.TryParse(IlgpuInlining.Name(mode), out var parsed));
        Assert.Equal(mode, parsed);
    }
}
