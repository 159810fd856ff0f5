using System.CommandLine;
using GpuValidate.Cli;
using GpuValidate.Cli.Commands;

var root = new RootCommand("gpuvalidate: batch transaction and signature validation on GPUs and CPUs.");
root.Subcommands.Add(DevicesCommand.Create());
root.Subcommands.Add(VerifyCommand.Create());
root.Subcommands.Add(ConformanceCommand.Create());

return CommandRunner.Run(root, args);
