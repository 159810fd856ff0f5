using GpuValidate.Ethereum.Blocks;
using GpuValidate.Ethereum.Transactions;

namespace GpuValidate.Cli.Tests;

public sealed class GenerateCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gpuvalidate-generate-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Generate_writes_a_genesis_and_the_asked_number_of_blocks_and_transfers()
    {
        var (code, _, error) = CommandHarness.Run(
            "generate", "--blocks", "3", "--txs-per-block", "7", "--accounts", "4", "--chain-id", "9", "--out", _directory);

        Assert.True(code == 0, error);
        var genesis = GenesisReader.Read(Path.Combine(_directory, "genesis.json"));
        Assert.Equal(9UL, genesis.ChainId);
        Assert.Equal(4, genesis.Alloc.Count);
        using var reader = BlockReader.Open(Path.Combine(_directory, "blocks.jsonl"));
        var blocks = reader.ReadAll().ToList();
        Assert.Equal(3, blocks.Count);
        Assert.All(blocks, b => Assert.Equal(7, b.Transactions.Count));
        Assert.All(blocks.SelectMany(b => b.Transactions), t =>
        {
            Assert.True(TransactionDecoder.TryDecode(t.Span, out var tx, out _));
            Assert.Equal(TransactionType.DynamicFee, tx!.Type);
        });
    }

    [Fact]
    public void Generate_with_one_account_is_a_one_line_input_error()
    {
        var (code, _, error) = CommandHarness.Run("generate", "--accounts", "1", "--out", _directory);

        Assert.Equal(CommandRunner.InputError, code);
        Assert.Equal("error: --accounts must be at least 2", error.Trim());
    }
}
