using System.CommandLine;
using System.Text.Json;
using GpuValidate.Cli.Commands;
using GpuValidate.Ethereum.Hashing;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.Ethereum.Transactions;
using NBitcoin.Secp256k1;

namespace GpuValidate.Cli.Tests;

/// <summary><c>gpuvalidate txs</c> through the command runner, on temporary files.</summary>
public sealed class TxsCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gpuvalidate-txs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private static Address SenderOfKey()
    {
        Assert.True(ECPrivKey.TryCreate(Key, out var privateKey));
        Span<byte> uncompressed = stackalloc byte[65];
        privateKey.CreatePubKey().WriteToSpan(false, uncompressed, out _);
        return new Address(Keccak.Hash(uncompressed[1..]).ToArray().AsSpan(12));
    }

    private static byte[] Signed(UnsignedTransaction tx)
    {
        Assert.True(ECPrivKey.TryCreate(Key, out var privateKey));
        Assert.True(privateKey.TrySignRecoverable(TransactionEncoder.SigningHash(tx).ToArray(), out var signature));
        Span<byte> compact = stackalloc byte[64];
        signature!.WriteToSpanCompact(compact, out var recid);
        UInt256.TryFromBigEndian(compact[..32], out var r);
        UInt256.TryFromBigEndian(compact[32..], out var s);
        return TransactionEncoder.EncodeSigned(tx, r, s, (byte)recid);
    }

    private static UnsignedTransaction Transfer(ulong nonce, ulong chainId = 1) => new()
    {
        Type = TransactionType.DynamicFee,
        ChainId = chainId,
        Nonce = nonce,
        MaxPriorityFeePerGas = 1,
        MaxFeePerGas = 2,
        GasLimit = 21_000,
        To = Address.Parse("0x00000000000000000000000000000000000000aa"),
        Value = 1,
    };

    private (int Code, List<JsonElement> Lines, string Error) Run(string[] inputLines, params string[] extra)
    {
        var path = Path.Combine(_directory, "txs.txt");
        File.WriteAllLines(path, inputLines);
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand("test");
        root.Subcommands.Add(TxsCommand.Create(output));
        var code = CommandRunner.Run(root, ["txs", "--input", path, .. extra], error);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .ToList();
        return (code, lines, error.ToString());
    }

    [Fact]
    public void Every_input_line_gets_one_verdict_in_order()
    {
        var valid = Signed(Transfer(7));
        var (code, lines, _) = Run(
        [
            "0x" + Convert.ToHexStringLower(valid),
            "",
            "not hex",
            Convert.ToHexString(valid),
            "0x" + Convert.ToHexStringLower(Signed(Transfer(8, chainId: 5))),
            "0x02c0",
        ]);

        Assert.Equal(0, code);
        Assert.Equal([0, 1, 2, 3, 4, 5], lines.Select(l => l.GetProperty("index").GetInt32()));
        Assert.Equal([true, false, false, true, false, false], lines.Select(l => l.GetProperty("valid").GetBoolean()));
        Assert.Equal(["bad-input", "bad-input", "wrong-chain-id", "malformed-rlp"], lines.Where(l => l.TryGetProperty("error", out _)).Select(l => l.GetProperty("error").GetString()));
        Assert.False(lines[0].TryGetProperty("error", out _));
    }

    [Fact]
    public void Valid_transaction_reports_type_hashes_sender_and_nonce()
    {
        var raw = Signed(Transfer(7));
        var (_, lines, _) = Run(["0x" + Convert.ToHexStringLower(raw)]);

        var line = Assert.Single(lines);
        Assert.Equal(2, line.GetProperty("type").GetInt32());
        Assert.Equal(Keccak.Hash(raw).ToString(), line.GetProperty("hash").GetString());
        Assert.Equal(TransactionEncoder.SigningHash(Transfer(7)).ToString(), line.GetProperty("signingHash").GetString());
        Assert.Equal(SenderOfKey().ToString(), line.GetProperty("sender").GetString());
        Assert.Equal(7UL, line.GetProperty("nonce").GetUInt64());
    }

    [Fact]
    public void Chain_id_option_changes_the_verdict()
    {
        var raw = "0x" + Convert.ToHexStringLower(Signed(Transfer(1, chainId: 5)));

        Assert.True(Assert.Single(Run([raw], "--chain-id", "5").Lines).GetProperty("valid").GetBoolean());
        Assert.Equal("wrong-chain-id", Assert.Single(Run([raw]).Lines).GetProperty("error").GetString());
    }

    [Fact]
    public void Fork_option_selects_the_rules()
    {
        var raw = "0x" + Convert.ToHexStringLower(Signed(Transfer(1)));

        Assert.Equal("unsupported-type", Assert.Single(Run([raw], "--fork", "berlin").Lines).GetProperty("error").GetString());
    }

    [Fact]
    public void Batches_smaller_than_the_input_keep_order()
    {
        var lines = Enumerable.Range(0, 50).Select(i => i % 7 == 3 ? "zz" : "0x" + Convert.ToHexStringLower(Signed(Transfer((ulong)i)))).ToArray();
        var (code, verdicts, _) = Run(lines, "--batch-size", "4", "--backend", "managed");

        Assert.Equal(0, code);
        Assert.Equal(Enumerable.Range(0, 50), verdicts.Select(v => v.GetProperty("index").GetInt32()));
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(i % 7 != 3, verdicts[i].GetProperty("valid").GetBoolean());
            if (i % 7 != 3)
            {
                Assert.Equal((ulong)i, verdicts[i].GetProperty("nonce").GetUInt64());
            }
        }
    }

    [Fact]
    public void Missing_input_file_is_an_input_error()
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(TxsCommand.Create(new StringWriter()));
        var error = new StringWriter();

        var code = CommandRunner.Run(root, ["txs", "--input", Path.Combine(_directory, "missing.txt")], error);

        Assert.Equal(CommandRunner.InputError, code);
        Assert.Contains("not found", error.ToString());
    }

    [Fact]
    public void Unknown_fork_is_an_input_error()
    {
        var (code, lines, error) = Run(["0x00"], "--fork", "byzantium2");

        Assert.Equal(CommandRunner.InputError, code);
        Assert.Empty(lines);
        Assert.Contains("byzantium2", error);
    }

    [Fact]
    public void Unknown_backend_is_a_usage_error()
    {
        var (code, lines, error) = Run(["0x00"], "--backend", "tpu");

        Assert.Equal(CommandRunner.UsageError, code);
        Assert.Empty(lines);
        Assert.Contains("tpu", error);
    }
}
