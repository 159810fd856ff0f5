using System.CommandLine;
using GpuValidate.Cli;
using GpuValidate.Cli.Commands;

var root = new RootCommand("gpuvalidate: batch transaction and signature validation on GPUs and CPUs.");
root.Subcommands.Add(DevicesCommand.Create());
root.Subcommands.Add(VerifyCommand.Create());
root.Subcommands.Add(ConformanceCommand.Create());
root.Subcommands.Add(TxsCommand.Create());
root.Subcommands.Add(GenerateCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(BenchCommand.Create());

return CommandRunner.Run(root, args);
