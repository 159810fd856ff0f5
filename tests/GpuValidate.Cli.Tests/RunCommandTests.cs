using System.Numerics;
using System.Text.Json;
using GpuValidate.Cli.Commands;
using Nethereum.Model;
using Nethereum.Signer;

namespace GpuValidate.Cli.Tests;

public sealed class RunCommandTests : IDisposable
{
    private const string Coinbase = "0x00000000000000000000000000000000000000c0";
    private const string Bob = "0x00000000000000000000000000000000000000b0";
    private readonly string _directory = Directory.CreateTempSubdirectory("gpuvalidate-run-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Generated_blocks_give_the_same_state_root_with_one_and_four_threads()
    {
        var (generated, _, generateError) = CommandHarness.Run(
            "generate", "--blocks", "4", "--txs-per-block", "200", "--accounts", "30", "--hot-fraction", "0.3", "--out", _directory);
        Assert.True(generated == 0, generateError);
        string Root(string threads)
        {
            var (code, output, error) = CommandHarness.Run(
                "run", "--genesis", Path.Combine(_directory, "genesis.json"), "--blocks", Path.Combine(_directory, "blocks.jsonl"), "--threads", threads, "--backend", "native");
            Assert.True(code == 0, error);
            Assert.Contains("last-block: 4", output);
            return CommandHarness.StateRoot(output);
        }

        var sequential = Root("1");

        Assert.Matches("^0x[0-9a-f]{64}$", sequential);
        Assert.Equal(sequential, Root("4"));
    }

    [Fact]
    public void Run_ends_with_balances_computed_by_hand_and_a_receipt_per_transaction()
    {
        // Alice (a Nethereum key) sends Bob 1000 wei twice at fee cap 10 gwei, tip 2 gwei, base fee 7 gwei; the third
        // transaction skips a nonce. Effective price 9 gwei, the coinbase earns 2 gwei per gas.
        var key = new EthECKey("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
        var alice = key.GetPublicAddress().ToLowerInvariant();
        var gwei = BigInteger.Pow(10, 9);
        string Sign(int nonce) => new TypeTransactionSigner<Transaction1559>().SignTransaction(
            key.GetPrivateKeyAsBytes(), new Transaction1559(1, nonce, 2 * gwei, 10 * gwei, 21_000, Bob, 1000, "", null));
        var genesis = Path.Combine(_directory, "genesis.json");
        File.WriteAllText(genesis, "{\"config\":{\"chainId\":1},\"alloc\":{\"" + alice + "\":{\"balance\":\"1000000000000000000\"}}}");
        var blocks = Path.Combine(_directory, "blocks.jsonl");
        File.WriteAllText(
            blocks,
            $$"""{"number":1,"coinbase":"{{Coinbase}}","baseFee":"0x1a13b8600","gasLimit":30000000,"timestamp":1,"transactions":["{{Sign(0)}}","{{Sign(1)}}","{{Sign(3)}}"]}""" + "\n");
        var receipts = Path.Combine(_directory, "receipts.jsonl");
        var dump = Path.Combine(_directory, "state.json");

        var (code, output, error) = CommandHarness.Run(
            "run", "--genesis", genesis, "--blocks", blocks, "--receipts", receipts, "--dump-state", dump, "--backend", "native");

        Assert.True(code == 0, error);
        Assert.EndsWith("last-block: 1\nstate-root: " + CommandHarness.StateRoot(output), output.Replace("\r", "").TrimEnd());
        var alloc = JsonDocument.Parse(File.ReadAllText(dump)).RootElement.GetProperty("alloc");
        BigInteger Balance(string address) => BigInteger.Parse(
            "0" + alloc.GetProperty(address).GetProperty("balance").GetString()!["0x".Length..], System.Globalization.NumberStyles.HexNumber);
        Assert.Equal(BigInteger.Pow(10, 18) - 2000 - (2 * 21_000 * 9 * gwei), Balance(alice));
        Assert.Equal(new BigInteger(2000), Balance(Bob));
        Assert.Equal(2 * 21_000 * 2 * gwei, Balance(Coinbase));

        var lines = File.ReadAllLines(receipts).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal([true, true, false], lines.Select(l => l.GetProperty("valid").GetBoolean()));
        Assert.Equal(["", "", "nonce-too-high"], lines.Select(l => l.GetProperty("error").GetString() ?? ""));
        Assert.Equal([21_000, 21_000, 0], lines.Select(l => l.GetProperty("gasUsed").GetInt32()));
        Assert.All(lines, l => Assert.Equal(alice, l.GetProperty("sender").GetString()));
        Assert.Equal([0, 1, 2], lines.Select(l => l.GetProperty("index").GetInt32()));
        var expectedHash = "0x" + Convert.ToHexStringLower(TransactionFactory.CreateTransaction(Sign(0)).Hash);
        Assert.Equal(expectedHash, lines[0].GetProperty("hash").GetString());
    }

    [Fact]
    public void Dumped_state_fed_back_as_genesis_has_the_same_root()
    {
        CommandHarness.Run("generate", "--blocks", "2", "--txs-per-block", "50", "--accounts", "10", "--out", _directory);
        var dump = Path.Combine(_directory, "dump.json");
        var (_, first, _) = CommandHarness.Run(
            "run", "--genesis", Path.Combine(_directory, "genesis.json"), "--blocks", Path.Combine(_directory, "blocks.jsonl"), "--dump-state", dump);
        var empty = Path.Combine(_directory, "none.jsonl");
        File.WriteAllText(empty, "");

        var (code, second, error) = CommandHarness.Run("run", "--genesis", dump, "--blocks", empty);

        Assert.True(code == 0, error);
        Assert.Equal(CommandHarness.StateRoot(first), CommandHarness.StateRoot(second));
    }

    [Fact]
    public void A_bad_block_line_is_a_one_line_input_error()
    {
        var genesis = Path.Combine(_directory, "genesis.json");
        File.WriteAllText(genesis, """{"config":{"chainId":1},"alloc":{}}""");
        var blocks = Path.Combine(_directory, "blocks.jsonl");
        File.WriteAllText(blocks, "{\"number\": \"x\"}\n");

        var (code, _, error) = CommandHarness.Run("run", "--genesis", genesis, "--blocks", blocks);

        Assert.Equal(CommandRunner.InputError, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("error:", error);
    }

    [Fact]
    public async Task Progress_every_writes_plain_lines_to_the_log_in_block_order_and_changes_nothing_else()
    {
        var (generated, _, generateError) = CommandHarness.Run(
            "generate", "--blocks", "6", "--txs-per-block", "50", "--accounts", "20", "--out", _directory);
        Assert.True(generated == 0, generateError);
        RunCommand.Settings Settings(double every) => new(
            Path.Combine(_directory, "genesis.json"), Path.Combine(_directory, "blocks.jsonl"), Engine.Backends.BackendKind.Native, 0, null, null, false)
        {
            ProgressEvery = every,
        };

        var plainOutput = new StringWriter();
        Assert.Equal(0, await RunCommand.RunAsync(Settings(0), plainOutput, progress: null, CancellationToken.None, log: new StringWriter()));
        var output = new StringWriter();
        var log = new StringWriter();
        Assert.Equal(0, await RunCommand.RunAsync(Settings(1e-9), output, progress: null, CancellationToken.None, log));

        // An interval shorter than any block: one line per block, numbered 1..6, with counts that only grow.
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            Assert.Matches($@"^progress: block {i + 1}, {i + 1} blocks, {50 * (i + 1)} txs, \d+ tx/s$", lines[i].TrimEnd('\r'));
        }

        Assert.Equal(CommandHarness.StateRoot(plainOutput.ToString()), CommandHarness.StateRoot(output.ToString()));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("NaN")]
    public void A_negative_or_not_a_number_progress_interval_is_a_one_line_input_error(string every)
    {
        File.WriteAllText(Path.Combine(_directory, "genesis.json"), """{"config":{"chainId":1},"alloc":{}}""");
        File.WriteAllText(Path.Combine(_directory, "blocks.jsonl"), string.Empty);

        var (code, _, error) = CommandHarness.Run(
            "run", "--genesis", Path.Combine(_directory, "genesis.json"), "--blocks", Path.Combine(_directory, "blocks.jsonl"), "--progress-every", every);

        Assert.Equal(CommandRunner.InputError, code);
        Assert.StartsWith("error: --progress-every", error);
    }

    [Fact]
    public void A_missing_genesis_is_a_one_line_input_error()
    {
        var (code, _, error) = CommandHarness.Run("run", "--genesis", Path.Combine(_directory, "none.json"), "--blocks", "x");

        Assert.Equal(CommandRunner.InputError, code);
        Assert.StartsWith("error: genesis file not found", error);
    }
}
