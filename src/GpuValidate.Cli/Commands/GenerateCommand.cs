using System.CommandLine;
using GpuValidate.Ethereum.Blocks;
using GpuValidate.Pipeline.Workloads;

namespace GpuValidate.Cli.Commands;

/// <summary>
/// <c>gpuvalidate generate --blocks B --txs-per-block N --accounts K [--hot-fraction F] [--seed S] [--chain-id C] --out DIR</c>:
/// writes <c>genesis.json</c> and <c>blocks.jsonl</c> of signed EIP-1559 transfers among K accounts.
/// </summary>
internal static class GenerateCommand
{
    public const string GenesisFile = "genesis.json";

    public const string BlocksFile = "blocks.jsonl";

    /// <summary>The command, writing its summary to <paramref name="output"/> (standard output when null).</summary>
    public static Command Create(TextWriter? output = null)
    {
        var blocks = new Option<int>("--blocks") { Description = "Number of blocks.", DefaultValueFactory = _ => 10, HelpName = "B" };
        var txs = new Option<int>("--txs-per-block") { Description = "Transactions per block.", DefaultValueFactory = _ => 1000, HelpName = "N" };
        var accounts = new Option<int>("--accounts") { Description = "Accounts the transfers are drawn among (fewer: more conflicts).", DefaultValueFactory = _ => 1000, HelpName = "K" };
        var hot = new Option<double>("--hot-fraction") { Description = "Fraction of transfers paid to one hot account (0 to 1).", HelpName = "F" };
        var seed = new Option<int>("--seed") { Description = "Seed for keys and choices: the same seed writes the same files.", DefaultValueFactory = _ => 1, HelpName = "S" };
        var chainId = new Option<ulong>("--chain-id") { Description = "Chain id signed into the transactions.", DefaultValueFactory = _ => 1, HelpName = "C" };
        var directory = new Option<string>("--out") { Description = "Directory to write genesis.json and blocks.jsonl into (created if missing).", Required = true, HelpName = "dir" };
        var command = new Command("generate", "Write a genesis file and blocks of signed transfers among K accounts.")
        {
            blocks, txs, accounts, hot, seed, chainId, directory,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var options = new TransferWorkloadOptions
            {
                Blocks = parse.GetValue(blocks),
                TransactionsPerBlock = parse.GetValue(txs),
                Accounts = parse.GetValue(accounts),
                HotFraction = parse.GetValue(hot),
                Seed = parse.GetValue(seed),
                ChainId = parse.GetValue(chainId),
            };
            return Task.FromResult(Run(options, parse.GetValue(directory)!, output ?? Console.Out, cancellationToken));
        });
        return command;
    }

    /// <summary>Writes the workload into <paramref name="directory"/> and one summary line to <paramref name="output"/>.</summary>
    public static int Run(TransferWorkloadOptions options, string directory, TextWriter output, CancellationToken cancellationToken)
    {
        if (options.Validate() is { } problem)
        {
            throw new CliInputException(problem);
        }

        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"cannot create {directory}: {e.Message}");
        }

        var workload = new TransferWorkload(options);
        var genesisPath = Path.Combine(directory, GenesisFile);
        var blocksPath = Path.Combine(directory, BlocksFile);
        GenesisWriter.Write(genesisPath, workload.Genesis());
        long transactions = 0;
        using (var writer = BlockWriter.Create(blocksPath))
        {
            foreach (var block in workload.Blocks())
            {
                cancellationToken.ThrowIfCancellationRequested();
                writer.Write(block);
                transactions += block.Transactions.Count;
            }
        }

        output.WriteLine($"wrote {genesisPath} ({options.Accounts} accounts) and {blocksPath} ({options.Blocks} blocks, {transactions} transactions)");
        return 0;
    }
}
