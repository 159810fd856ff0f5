using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GpuValidate.Engine.Backends;
using GpuValidate.Ethereum.Blocks;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.Pipeline.Durability;
using GpuValidate.Pipeline.Execution;
using GpuValidate.Pipeline.Processing;
using GpuValidate.Pipeline.Validation;
using GpuValidate.State;
using GpuValidate.State.Rocks;
using Spectre.Console;

namespace GpuValidate.Cli.Commands;

/// <summary>
/// <c>gpuvalidate run --genesis FILE --blocks FILE [--db DIR] [--backend ...] [--threads N] [--receipts FILE] [--dump-state FILE] [--json] [--progress-every S]</c>:
/// validates and applies the blocks in order and ends with the last block number and <c>state-root: 0x...</c>.
/// </summary>
internal static class RunCommand
{
    /// <summary>
    /// The command, writing its summary to <paramref name="output"/> (standard output when null) and
    /// <c>--progress-every</c> lines to <paramref name="log"/> (standard error when both are null).
    /// </summary>
    public static Command Create(TextWriter? output = null, TextWriter? log = null)
    {
        var genesis = new Option<string>("--genesis") { Description = "The genesis file (geth form: config.chainId and alloc).", Required = true, HelpName = "file" };
        var blocks = new Option<string>("--blocks") { Description = "The blocks, one JSON object per line.", Required = true, HelpName = "file" };
        var backend = SignatureBackendOption.Create();
        var threads = new Option<int>("--threads") { Description = "Applier threads: 1 is the sequential reference applier, 0 every core.", HelpName = "N" };
        var receipts = new Option<string?>("--receipts") { Description = "Write one JSON line per transaction: block, index, hash, sender, valid, error, gasUsed.", HelpName = "file" };
        var dump = new Option<string?>("--dump-state") { Description = "Write the final state as a genesis file (its alloc), to diff or to start from.", HelpName = "file" };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object." };
        var db = new Option<string?>("--db") { Description = "Keep the state in this RocksDB directory: created from the genesis, or resumed after its last committed block (blocks already committed are skipped).", HelpName = "dir" };
        var progressEvery = new Option<double>("--progress-every")
        {
            Description = "Also write a progress line to standard error every S seconds when it is not a terminal, e.g. in a log (0: progress only on a terminal).",
            HelpName = "S",
        };
        var command = new Command("run", "Validate and apply blocks to the genesis state; ends with 'state-root: 0x...'.")
        {
            genesis, blocks, backend, threads, receipts, dump, json, db, progressEvery,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Ctrl-C and SIGTERM stop the run at a block boundary, so the store is closed cleanly.
            using var shutdown = new ShutdownSignal();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutdown.Token);
            return await RunAsync(
                new Settings(parse.GetValue(genesis)!, parse.GetValue(blocks)!, parse.GetValue(backend), parse.GetValue(threads), parse.GetValue(receipts), parse.GetValue(dump), parse.GetValue(json), parse.GetValue(db))
                {
                    ProgressEvery = parse.GetValue(progressEvery),
                },
                output ?? Console.Out,
                output is null && !Console.IsErrorRedirected ? Console.Error : null,
                stop.Token,
                log ?? (output is null && Console.IsErrorRedirected ? Console.Error : null)).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>
    /// Runs the blocks; progress goes to <paramref name="progress"/> when it is an interactive terminal (null: none),
    /// else, with <see cref="Settings.ProgressEvery"/> set, one plain line at a time to <paramref name="log"/>.
    /// </summary>
    public static async Task<int> RunAsync(
        Settings settings, TextWriter output, TextWriter? progress, CancellationToken cancellationToken, TextWriter? log = null)
    {
        if (settings.Threads < 0)
        {
            throw new CliInputException("--threads must be 0 (every core) or more");
        }

        if (!(settings.ProgressEvery >= 0 && double.IsFinite(settings.ProgressEvery)))
        {
            throw new CliInputException("--progress-every must be 0 (progress only on a terminal) or a number of seconds");
        }

        var genesis = ReadGenesis(settings.GenesisPath);
        if (!File.Exists(settings.BlocksPath))
        {
            throw new CliInputException($"blocks file not found: {settings.BlocksPath}");
        }

        using var run = OpenState(settings, genesis, output);
        var state = run.Store;
        using var engine = SignatureBackendOption.Select(settings.Backend).Engine;
        using var reader = BlockReader.Open(settings.BlocksPath);
        using var receipts = settings.ReceiptsPath is null ? null : new ReceiptWriter(OpenForWriting(settings.ReceiptsPath));
        var pipeline = new BlockPipeline(engine, state, new BlockPipelineOptions
        {
            ApplierThreads = settings.Threads,
            Validation = new ValidationOptions { ChainId = genesis.ChainId },
        });

        var summary = new Summary();
        var clock = Stopwatch.StartNew();
        async Task Consume(Action<Summary>? onBlock)
        {
            await foreach (var outcome in pipeline.RunAsync(run.SkipCommitted(reader.ReadAll(), Path.GetFileName(settings.BlocksPath)), cancellationToken).ConfigureAwait(false))
            {
                summary.Add(outcome);
                receipts?.Write(outcome);
                onBlock?.Invoke(summary);
            }
        }

        try
        {
            if (progress is null && log is not null && settings.ProgressEvery > 0)
            {
                var every = TimeSpan.FromSeconds(settings.ProgressEvery);
                var next = every;
                await Consume(s =>
                {
                    if (clock.Elapsed >= next)
                    {
                        next = clock.Elapsed + every;
                        log.WriteLine(string.Create(
                            CultureInfo.InvariantCulture,
                            $"progress: block {s.LastBlock}, {s.Blocks} blocks, {s.Transactions} txs, {s.Transactions / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):F0} tx/s"));
                        log.Flush();
                    }
                }).ConfigureAwait(false);
            }
            else if (progress is null)
            {
                await Consume(null).ConfigureAwait(false);
            }
            else
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(progress) });
                await console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new SpinnerColumn()).StartAsync(async context =>
                {
                    var task = context.AddTask("validating").IsIndeterminate();
                    await Consume(s => task.Description = $"block {s.LastBlock}: {s.Transactions:N0} txs, {s.Transactions / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):N0} tx/s")
                        .ConfigureAwait(false);
                    task.StopTask();
                }).ConfigureAwait(false);
            }
        }
        catch (BlockFormatException e)
        {
            throw new CliInputException(e.Message);
        }
        catch (OperationCanceledException)
        {
            // Stopped at a block boundary: report the state as committed, then let the runner say "cancelled".
            Report(settings, output, summary, state, clock.Elapsed);
            output.WriteLine(run.DescribeStop());
            throw;
        }

        if (settings.DumpStatePath is { } dumpPath)
        {
            GenesisWriter.Write(dumpPath, new Genesis
            {
                ChainId = genesis.ChainId,
                Alloc = [.. state.Accounts().Select(a => new GenesisAccount(a.Key, a.Value.Balance, a.Value.Nonce))],
            });
        }

        Report(settings, output, summary, state, clock.Elapsed);
        return 0;
    }

    /// <summary>The RocksDB store at <c>--db</c> (created or resumed), else the genesis in memory.</summary>
    private static RunStateStore OpenState(Settings settings, Genesis genesis, TextWriter output)
    {
        RunStateStore run;
        try
        {
            run = RunStateStore.Open(settings.DbPath, genesis);
        }
        catch (StateStoreOpenException e)
        {
            throw new CliInputException($"{e.Message} ({e.Error})");
        }

        if (run.IsDurable && !settings.Json)
        {
            output.WriteLine(run.Describe());
        }

        return run;
    }

    private static Genesis ReadGenesis(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliInputException($"genesis file not found: {path}");
        }

        Genesis genesis;
        try
        {
            genesis = GenesisReader.Read(path);
        }
        catch (BlockFormatException e)
        {
            throw new CliInputException(e.Message);
        }

        // Transfers conserve or burn ether, so a genesis whose total fits in 256 bits can never overflow a balance.
        var total = UInt256.Zero;
        foreach (var account in genesis.Alloc)
        {
            if (!UInt256.TryAdd(total, account.Balance, out total))
            {
                throw new CliInputException($"{path}: the balances add up to more than 2^256 - 1 wei");
            }
        }

        return genesis;
    }

    private static FileStream OpenForWriting(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"cannot write {path}: {e.Message}");
        }
    }

    private static void Report(Settings settings, TextWriter output, Summary summary, IStateStore state, TimeSpan elapsed)
    {
        var seconds = elapsed.TotalSeconds;
        var rate = summary.Transactions / Math.Max(seconds, 1e-9);
        if (settings.Json)
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream))
            {
                json.WriteStartObject();
                json.WriteNumber("blocks", summary.Blocks);
                json.WriteNumber("transactions", summary.Transactions);
                json.WriteNumber("valid", summary.Valid);
                json.WriteNumber("invalid", summary.Transactions - summary.Valid);
                json.WriteNumber("gasUsed", summary.GasUsed);
                json.WriteNumber("seconds", Math.Round(seconds, 3));
                json.WriteNumber("txPerSecond", Math.Round(rate));
                if (state.LastBlockNumber < 0)
                {
                    json.WriteNull("lastBlock");
                }
                else
                {
                    json.WriteNumber("lastBlock", state.LastBlockNumber);
                }

                json.WriteString("stateRoot", state.StateRoot.ToString());
                json.WriteEndObject();
            }

            output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            return;
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"blocks: {summary.Blocks}, transactions: {summary.Transactions} ({summary.Valid} valid, {summary.Transactions - summary.Valid} invalid), {seconds:F2} s, {rate:F0} tx/s"));
        // The store's last block, not this run's: a resumed run that had nothing left to apply still names it.
        output.WriteLine(state.LastBlockNumber < 0 ? "last-block: none (genesis)" : $"last-block: {state.LastBlockNumber}");
        output.WriteLine($"state-root: {state.StateRoot}");
    }

    /// <summary>The command line of <c>run</c>.</summary>
    internal sealed record Settings(
        string GenesisPath, string BlocksPath, BackendKind Backend, int Threads, string? ReceiptsPath, string? DumpStatePath, bool Json, string? DbPath = null)
    {
        /// <summary>Seconds between plain progress lines when standard error is not a terminal; 0: none.</summary>
        public double ProgressEvery { get; init; }
    }

    private sealed class Summary
    {
        public long Blocks { get; private set; }

        public long Transactions { get; private set; }

        public long Valid { get; private set; }

        public ulong GasUsed { get; private set; }

        public ulong LastBlock { get; private set; }

        public void Add(BlockOutcome outcome)
        {
            Blocks++;
            Transactions += outcome.Receipts.Count;
            foreach (var receipt in outcome.Receipts)
            {
                Valid += receipt.Valid ? 1 : 0;
            }

            GasUsed += outcome.GasUsed;
            LastBlock = outcome.Number;
        }
    }

    /// <summary>One JSON line per transaction.</summary>
    private sealed class ReceiptWriter(Stream stream) : IDisposable
    {
        private readonly Utf8JsonWriter _json = new(stream, new JsonWriterOptions { SkipValidation = true });

        public void Write(BlockOutcome outcome)
        {
            for (var i = 0; i < outcome.Receipts.Count; i++)
            {
                var tx = outcome.Transactions[i];
                var receipt = outcome.Receipts[i];
                _json.WriteStartObject();
                _json.WriteNumber("block", outcome.Number);
                _json.WriteNumber("index", i);
                _json.WriteString("hash", tx.Hash.ToString());
                if (tx.Sender == Address.Zero && tx.StatelessError is not null)
                {
                    _json.WriteNull("sender");
                }
                else
                {
                    _json.WriteString("sender", tx.Sender.ToString());
                }

                _json.WriteBoolean("valid", receipt.Valid);
                if (receipt.Error is null)
                {
                    _json.WriteNull("error");
                }
                else
                {
                    _json.WriteString("error", receipt.Error);
                }

                _json.WriteNumber("gasUsed", receipt.GasUsed);
                _json.WriteEndObject();
                _json.Flush();
                _json.Reset();
                stream.WriteByte((byte)'\n');
            }
        }

        public void Dispose()
        {
            _json.Dispose();
            stream.Dispose();
        }
    }
}
