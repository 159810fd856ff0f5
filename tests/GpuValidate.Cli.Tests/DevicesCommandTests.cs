using System.CommandLine;
using GpuValidate.Cli.Commands;

namespace GpuValidate.Cli.Tests;

public sealed class DevicesCommandTests
{
    [Fact]
    public void Devices_lists_accelerators_and_the_auto_pick_without_error()
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(DevicesCommand.Create());
        var error = new StringWriter();

        var code = CommandRunner.Run(root, ["devices"], error);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error.ToString());
    }
}
