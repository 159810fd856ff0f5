using System.CommandLine;
using GpuValidate.Engine;
using GpuValidate.Engine.Backends;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;

namespace GpuValidate.Cli.Commands;

/// <summary><c>gpuvalidate devices</c>: the accelerators found and the backend <c>auto</c> would pick.</summary>
internal static class DevicesCommand
{
    public static Command Create()
    {
        var command = new Command("devices", "List the accelerators ILGPU finds and the backend 'auto' would pick.");
        command.SetAction(_ =>
        {
            var devices = DeviceInventory.List();
            var table = new Table().AddColumns("#", "backend", "name", "memory", "multiprocessors", "warp", "max group");
            foreach (var d in devices)
            {
                var name = d.Backend == BackendKind.IlgpuCpu ? $"{d.Name} (slow: for tests)" : d.Name;
                table.AddRow(
                    d.Index.ToString(),
                    d.Backend.ToName(),
                    Markup.Escape(name),
                    d.Backend == BackendKind.IlgpuCpu ? "host" : $"{d.MemoryBytes / (1024 * 1024)} MiB",
                    d.Multiprocessors.ToString(),
                    d.WarpSize.ToString(),
                    d.MaxThreadsPerGroup.ToString());
            }

            AnsiConsole.Write(table);

            // The same selection every command makes with --backend auto, self-check and calibration included.
            var selection = SignatureEngineFactory.Select(new EngineOptions(), NullLogger.Instance);
            using (selection.Engine)
            {
                AnsiConsole.WriteLine($"auto picks: {selection.Backend.ToName()} ({selection.Engine.Description})");
                AnsiConsole.WriteLine($"why: {selection.Reason}");
            }

            return 0;
        });
        return command;
    }
}
