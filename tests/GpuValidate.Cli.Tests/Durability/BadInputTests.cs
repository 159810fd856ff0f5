using System.CommandLine;
using System.Text;
using System.Text.RegularExpressions;
using GpuValidate.Cli.Commands;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.Pipeline.Durability;
using GpuValidate.Pipeline.Workloads;
using GpuValidate.State.Rocks;
using Xunit.Abstractions;

namespace GpuValidate.Cli.Tests.Durability;

/// <summary>
/// Feeds mutated block and genesis files through <c>gpuvalidate run</c> (in process, through the command and its
/// runner, so exit codes and messages are what an operator sees). No input may crash the tool: every run ends with
/// exit code 0 or the input-error code and one line naming the file and the line or block, and a durable store is
/// left at a block the uninterrupted run also reached, with that block's root.
/// </summary>
public sealed partial class BadInputTests(ITestOutputHelper output) : IDisposable
{
    private readonly DurabilityWorkload _workload = new(new TransferWorkloadOptions { Blocks = 6, TransactionsPerBlock = 12, Accounts = 16, Seed = 77 });

    [Fact]
    public void Mutated_blocks_files_never_crash_and_never_commit_a_bad_block()
    {
        var random = CreateRandom();
        var lines = File.ReadAllLines(_workload.BlocksPath);
        var cases = 2000 * Scale;

        // Durable runs cost about 25 in-memory ones (store creation, synced commits, the reopen that checks them).
        var durableEvery = 25;
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < cases; i++)
        {
            var (kind, text, target) = MutateBlocks(lines, random);
            var path = Path.Combine(_workload.Root, "mutated.jsonl");
            File.WriteAllText(path, text);
            var db = i % durableEvery == 0 ? _workload.NewDirectory("fuzz") : null;

            var (code, stdout, stderr) = Run(_workload.GenesisPath, path, db);

            var label = $"{kind} at block {_workload.FirstBlock + target}";
            Assert.True(code is 0 or CommandRunner.InputError, $"{label}: exit {code}: {stderr}");
            outcomes[$"{kind}: exit {code}"] = outcomes.GetValueOrDefault($"{kind}: exit {code}") + 1;
            if (code != 0)
            {
                Assert.Single(stderr.TrimEnd().Split('\n'));
                Assert.Matches(@"^error: .*(mutated\.jsonl(:\d+)?: |block \d+)", stderr);
            }
            else
            {
                Assert.Matches("state-root: 0x[0-9a-f]{64}", stdout);
            }

            if (db is not null)
            {
                AssertStoreBeforeBadBlock(db, label, _workload.FirstBlock + target, refused: code != 0);
                Directory.Delete(db, recursive: true);
            }
        }

        foreach (var (outcome, count) in outcomes.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{outcome}: {count}");
        }

        // The mutations must really exercise both paths.
        Assert.Contains(outcomes, kv => kv.Key.EndsWith("exit 0", StringComparison.Ordinal));
        Assert.Contains(outcomes, kv => kv.Key.EndsWith($"exit {CommandRunner.InputError}", StringComparison.Ordinal));
    }

    [Fact]
    public void Mutated_genesis_files_never_crash_and_never_touch_an_existing_store()
    {
        var random = CreateRandom();
        var genesis = File.ReadAllText(_workload.GenesisPath);
        var db = _workload.NewDirectory("genesis-store");
        var (created, _, createError) = Run(_workload.GenesisPath, _workload.BlocksPath, db);
        Assert.True(created == 0, createError);
        var files = FileHashes(db);
        var cases = 1000 * Scale;
        var failures = 0;
        for (var i = 0; i < cases; i++)
        {
            var (kind, text) = MutateGenesis(genesis, random);
            var path = Path.Combine(_workload.Root, "mutated-genesis.json");
            File.WriteAllText(path, text);
            var fresh = i % 20 == 0 ? _workload.NewDirectory("fresh") : null;

            var (code, stdout, stderr) = Run(path, _workload.BlocksPath, fresh ?? db);

            Assert.True(code is 0 or CommandRunner.InputError, $"{kind}: exit {code}: {stderr}");
            if (code == 0)
            {
                Assert.Matches("state-root: 0x[0-9a-f]{64}", stdout);
            }
            else
            {
                failures++;

                // One message, no stack trace. (A field name quoted from the file may itself hold an escaped newline.)
                Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
                Assert.Matches(@"^error: .*(mutated-genesis\.json|genesis)", stderr);
                if (fresh is not null && !stderr.Contains("blocks.jsonl", StringComparison.Ordinal))
                {
                    // A genesis that cannot be read creates no store.
                    Assert.False(Directory.Exists(fresh), $"{kind}: a store was created from a bad genesis");
                }
            }

            if (fresh is not null && Directory.Exists(fresh))
            {
                Directory.Delete(fresh, recursive: true);
            }

            // The existing store was either reopened with an equivalent genesis (and it already held every block),
            // or refused; either way not one byte of it changed beyond a clean reopen.
            if (fresh is null && code != 0)
            {
                Assert.Equal(files, FileHashes(db));
            }
            else if (fresh is null)
            {
                files = FileHashes(db);
            }
        }

        output.WriteLine($"{failures} of {cases} mutated genesis files refused");
        Assert.InRange(failures, 1, cases - 1);
    }

    [Fact]
    public void A_store_from_another_genesis_is_refused_through_the_cli_and_left_unchanged()
    {
        var db = _workload.NewDirectory("other");
        using var other = new DurabilityWorkload(new TransferWorkloadOptions { Blocks = 2, TransactionsPerBlock = 4, Accounts = 8, Seed = 78 });
        var (code, _, error) = CliProcess.Run(TimeSpan.FromSeconds(60), "run", "--genesis", other.GenesisPath, "--blocks", other.BlocksPath, "--db", db, "--backend", "native");
        Assert.True(code == 0, error);
        var before = FileHashes(db);

        (code, _, error) = CliProcess.Run(TimeSpan.FromSeconds(60), "run", "--genesis", _workload.GenesisPath, "--blocks", _workload.BlocksPath, "--db", db, "--backend", "native");

        Assert.Equal(CommandRunner.InputError, code);
        Assert.Contains("genesis", error);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Equal(before, FileHashes(db));
    }

    [Fact]
    public void A_damaged_store_is_refused_through_the_cli_and_left_unchanged()
    {
        var db = _workload.NewDirectory("damaged");
        var (code, _, error) = CliProcess.Run(TimeSpan.FromSeconds(60), "run", "--genesis", _workload.GenesisPath, "--blocks", _workload.BlocksPath, "--db", db, "--backend", "native");
        Assert.True(code == 0, error);
        var table = Directory.GetFiles(db, "*.sst").OrderBy(f => f, StringComparer.Ordinal).Last();
        var bytes = File.ReadAllBytes(table);
        bytes[bytes.Length / 3] ^= 0x10;
        File.WriteAllBytes(table, bytes);
        var before = FileHashes(db);

        (code, _, error) = CliProcess.Run(TimeSpan.FromSeconds(60), "run", "--genesis", _workload.GenesisPath, "--blocks", _workload.BlocksPath, "--db", db, "--backend", "native");

        Assert.Equal(CommandRunner.InputError, code);
        Assert.Contains("damaged", error);
        Assert.Equal(before, FileHashes(db));
    }

    [Fact]
    public void A_truncated_blocks_file_through_the_cli_names_the_line_and_keeps_the_blocks_before_it()
    {
        var db = _workload.NewDirectory("truncated");
        var lines = File.ReadAllLines(_workload.BlocksPath);
        var path = Path.Combine(_workload.Root, "truncated.jsonl");
        File.WriteAllText(path, string.Join('\n', lines[..3]) + "\n" + lines[3][..(lines[3].Length / 2)]);

        var (code, _, error) = CliProcess.Run(TimeSpan.FromSeconds(60), "run", "--genesis", _workload.GenesisPath, "--blocks", path, "--db", db, "--backend", "native");

        Assert.Equal(CommandRunner.InputError, code);
        Assert.Contains("truncated.jsonl:4", error);
        AssertStoreBeforeBadBlock(db, "truncated", _workload.FirstBlock + 3);

        // The complete file then resumes from the store and reaches the uninterrupted root.
        var (resumed, stdout, resumeError) = CliProcess.Run(TimeSpan.FromSeconds(60), "run", "--genesis", _workload.GenesisPath, "--blocks", _workload.BlocksPath, "--db", db, "--backend", "native");
        Assert.True(resumed == 0, resumeError);
        Assert.Contains($"state-root: {_workload.FinalRoot}", stdout);
    }

    public void Dispose() => _workload.Dispose();

    private static int Scale =>
        int.TryParse(Environment.GetEnvironmentVariable("GPUVALIDATE_TEST_SCALE"), out var scale) && scale > 0 ? scale : 1;

    private static (int Code, string Output, string Error) Run(string genesis, string blocks, string? db)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var root = new RootCommand("test");
        root.Subcommands.Add(RunCommand.Create(stdout));
        string[] args = db is null
            ? ["run", "--genesis", genesis, "--blocks", blocks, "--backend", "native", "--threads", "1"]
            : ["run", "--genesis", genesis, "--blocks", blocks, "--backend", "native", "--threads", "1", "--db", db];
        var code = CommandRunner.Run(root, args, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// The blocks before <paramref name="badBlock"/> have the uninterrupted run's roots; when the input was
    /// <paramref name="refused"/>, the store holds nothing from the bad block on.
    /// </summary>
    private void AssertStoreBeforeBadBlock(string db, string label, long badBlock, bool refused = true)
    {
        if (!Directory.Exists(db))
        {
            return;
        }

        using var store = RocksDbStateStore.Open(db, GenesisIdentity.Compute(_workload.Genesis), GenesisIdentity.Alloc(_workload.Genesis));
        var last = store.LastBlockNumber;
        Assert.True(!refused || last < badBlock, $"{label}: the store committed block {last}, at or after the bad block {badBlock}");
        for (var n = _workload.FirstBlock; n <= Math.Min(last, badBlock - 1); n++)
        {
            Assert.True(store.TryGetBlockRoot(n, out var root), $"{label}: block {n} missing");
            Assert.True(_workload.BlockRoots[n] == root, $"{label}: block {n} has root {root}, the uninterrupted run {_workload.BlockRoots[n]}");
        }
    }

    private static (string Kind, string Text, int Target) MutateBlocks(string[] lines, Random random)
    {
        var copy = (string[])lines.Clone();
        var target = random.Next(copy.Length);
        var line = copy[target];
        string kind;
        switch (random.Next(11))
        {
            case 0:
                kind = "truncated";
                var joined = string.Join('\n', copy[..target]) + (target > 0 ? "\n" : string.Empty);
                return (kind, joined + line[..random.Next(line.Length)], target);
            case 1:
                kind = "deleted characters";
                copy[target] = DeleteCharacters(line, random).PadRight(1);
                break;
            case 2:
                kind = "inserted characters";
                copy[target] = line.Insert(random.Next(line.Length), RandomText(random, random.Next(1, 5)));
                break;
            case 3:
                kind = "oversized number";
                copy[target] = NumberPattern().Replace(line, "\"number\":" + new string('9', random.Next(21, 400)), 1);
                break;
            case 4:
                kind = "oversized hex field";
                copy[target] = BaseFeePattern().Replace(line, "\"baseFee\":\"0x" + new string('f', random.Next(65, 5000)) + "\"", 1);
                break;
            case 5:
                kind = "duplicate transaction";
                var txs = TransactionPattern().Matches(line);
                var pick = txs[random.Next(txs.Count)].Value;
                copy[target] = line.Replace(pick, pick + "," + pick, StringComparison.Ordinal);
                break;
            case 6:
                kind = "malformed transaction";
                var all = TransactionPattern().Matches(line);
                var tx = all[random.Next(all.Count)];
                var body = tx.Value[3..^1];
                var cut = random.Next(body.Length);
                var bad = random.Next(3) switch
                {
                    0 => body[..cut],
                    1 => body[..cut] + "zz" + body[cut..],
                    _ => body[..cut] + (body[cut] == '0' ? '1' : '0') + body[(cut + 1)..],
                };
                copy[target] = line.Remove(tx.Index, tx.Length).Insert(tx.Index, "\"0x" + bad + "\"");
                break;
            case 7:
                kind = "invalid coinbase";
                copy[target] = CoinbasePattern().Replace(line, "\"coinbase\":\"0x" + RandomHex(random, random.Next(0, 60)) + "\"", 1);
                break;
            case 8:
                kind = "blocks out of order";

                // Any line, the first included: a store holding only the genesis refuses a file starting past block 1.
                target = random.Next(copy.Length);
                var other = random.Next(copy.Length);
                (copy[target], copy[other]) = (copy[other], copy[target]);
                target = Math.Min(target, other);
                break;
            case 9:
                kind = "repeated block";
                copy[target] = line + "\n" + line;
                target++;
                break;
            default:
                kind = "garbage line";
                copy[target] = RandomText(random, random.Next(1, 200));
                break;
        }

        return (kind, string.Join('\n', copy) + "\n", target);
    }

    private static (string Kind, string Text) MutateGenesis(string genesis, Random random)
    {
        var addresses = GenesisAddressPattern().Matches(genesis);
        var address = addresses[random.Next(addresses.Count)];
        switch (random.Next(8))
        {
            case 0:
                return ("truncated", genesis[..random.Next(genesis.Length)]);
            case 1:
                return ("deleted characters", DeleteCharacters(genesis, random));
            case 2:
                return ("inserted characters", genesis.Insert(random.Next(genesis.Length), RandomText(random, random.Next(1, 5))));
            case 3:
                var hex = address.Groups[1].Value;
                var position = random.Next(hex.Length);
                var broken = random.Next(3) switch
                {
                    0 => hex.Remove(position, 1),
                    1 => hex.Insert(position, "a"),
                    _ => hex[..position] + 'g' + hex[(position + 1)..],
                };
                return ("invalid address", genesis.Remove(address.Groups[1].Index, hex.Length).Insert(address.Groups[1].Index, broken));
            case 4:
                return ("oversized balance", BalancePattern().Replace(genesis, "\"balance\": \"0x1" + new string('0', random.Next(64, 3000)) + "\"", 1));
            case 5:
                var entry = GenesisEntryPattern().Match(genesis);
                return ("duplicate address", genesis.Insert(entry.Index + entry.Length, "," + entry.Value));
            case 6:
                return ("bad nonce", NoncePattern().Replace(genesis, "\"nonce\": " + (random.Next(2) == 0 ? "-1" : "\"0xfffffffffffffffff\""), 1));
            default:
                return ("changed balance", BalancePattern().Replace(genesis, "\"balance\": \"0x" + RandomHex(random, random.Next(1, 20)) + "\"", 1));
        }
    }

    /// <summary>Deletes one to three characters at a random place, never past the end.</summary>
    private static string DeleteCharacters(string text, Random random)
    {
        var start = random.Next(text.Length);
        return text.Remove(start, Math.Min(random.Next(1, 4), text.Length - start));
    }

    private static string RandomText(Random random, int length)
    {
        const string alphabet = "{}[]\":,0x19afgz \\\u00e9\u0000";
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }

    private static string RandomHex(Random random, int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append("0123456789abcdef"[random.Next(16)]);
        }

        return builder.ToString();
    }

    private static Dictionary<string, string> FileHashes(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).ToDictionary(
            file => Path.GetRelativePath(directory, file),
            file => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file))));

    private Random CreateRandom()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("GPUVALIDATE_TEST_SEED"), out var fixedSeed) ? fixedSeed : Random.Shared.Next();
        output.WriteLine($"seed {seed} (GPUVALIDATE_TEST_SEED={seed} reproduces), scale {Scale}");
        return new Random(seed);
    }

    [GeneratedRegex("\"number\":\\d+")]
    private static partial Regex NumberPattern();

    [GeneratedRegex("\"baseFee\":\"[^\"]*\"")]
    private static partial Regex BaseFeePattern();

    [GeneratedRegex("\"coinbase\":\"[^\"]*\"")]
    private static partial Regex CoinbasePattern();

    [GeneratedRegex("\"0x[0-9a-f]{40,}\"")]
    private static partial Regex TransactionPattern();

    [GeneratedRegex("\"(0x[0-9a-fA-F]{40})\"\\s*:")]
    private static partial Regex GenesisAddressPattern();

    [GeneratedRegex("\"0x[0-9a-fA-F]{40}\"\\s*:\\s*\\{[^}]*\\}")]
    private static partial Regex GenesisEntryPattern();

    [GeneratedRegex("\"balance\":\\s*\"[^\"]*\"")]
    private static partial Regex BalancePattern();

    [GeneratedRegex("\"nonce\":\\s*\"[^\"]*\"")]
    private static partial Regex NoncePattern();
}
