using System.Text;
using GpuValidate.Ethereum.Blocks;
using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.Ethereum.Tests.Blocks;

public sealed class BlockReaderTests
{
    private const string Coinbase = "0x00000000000000000000000000000000000000c0";

    private static List<Block> ReadAll(string text, BlockReaderOptions? options = null, int trickleSeed = -1)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Stream stream = trickleSeed >= 0 ? new TrickleStream(bytes, trickleSeed) : new MemoryStream(bytes);
        using var reader = new BlockReader(stream, "blocks.jsonl", options);
        return reader.ReadAll().ToList();
    }

    private static BlockFormatException ReadError(string text, BlockReaderOptions? options = null) =>
        Assert.Throws<BlockFormatException>(() => ReadAll(text, options));

    private static string Line(string fields) => "{" + fields + "}\n";

    [Fact]
    public void Numbers_may_be_json_numbers_hex_strings_or_decimal_strings()
    {
        var blocks = ReadAll(
            Line($"\"number\": 7, \"coinbase\": \"{Coinbase}\", \"baseFee\": \"0x3b9aca00\", \"gasLimit\": \"30000000\", \"timestamp\": \"0x10\", \"chainId\": 1, \"transactions\": []"));

        var block = Assert.Single(blocks);
        Assert.Equal(7UL, block.Number);
        Assert.Equal(Address.Parse(Coinbase), block.Coinbase);
        Assert.Equal(new UInt256(1_000_000_000), block.BaseFee);
        Assert.Equal(30_000_000UL, block.GasLimit);
        Assert.Equal(16UL, block.Timestamp);
        Assert.Equal(1UL, block.ChainId);
        Assert.Empty(block.Transactions);
    }

    [Fact]
    public void Transactions_are_decoded_from_hex_with_or_without_prefix()
    {
        var block = Assert.Single(ReadAll(Line($"\"number\": 1, \"coinbase\": \"{Coinbase}\", \"gasLimit\": 1, \"transactions\": [\"0x02c0\", \"C0\", \"0x\"]")));

        Assert.Equal(["02c0", "c0", ""], block.Transactions.Select(t => Convert.ToHexStringLower(t.Span)));
        Assert.Null(block.ChainId);
        Assert.True(block.BaseFee.IsZero);
    }

    [Fact]
    public void Written_blocks_read_back_identically_through_small_reads()
    {
        var random = new Random(42);
        var written = new List<Block>();
        for (var i = 0; i < 20; i++)
        {
            var txs = new ReadOnlyMemory<byte>[random.Next(0, 6)];
            for (var t = 0; t < txs.Length; t++)
            {
                var tx = new byte[random.Next(0, i == 3 ? 200_000 : 300)];
                random.NextBytes(tx);
                txs[t] = tx;
            }

            var coinbase = new byte[20];
            random.NextBytes(coinbase);
            written.Add(new Block
            {
                Number = (ulong)i,
                Coinbase = new Address(coinbase),
                BaseFee = new UInt256((ulong)random.NextInt64(), (ulong)random.NextInt64()),
                GasLimit = ulong.MaxValue - (ulong)i,
                Timestamp = (ulong)random.NextInt64(),
                ChainId = i % 2 == 0 ? (ulong)i : null,
                Transactions = txs,
            });
        }

        using var memory = new MemoryStream();
        using (var writer = new BlockWriter(memory, leaveOpen: true))
        {
            foreach (var block in written)
            {
                writer.Write(block);
            }
        }

        var read = ReadAll(Encoding.UTF8.GetString(memory.ToArray()), trickleSeed: 7);

        Assert.Equal(written.Count, read.Count);
        for (var i = 0; i < written.Count; i++)
        {
            Assert.Equal(written[i] with { Transactions = [] }, read[i] with { Transactions = [] });
            Assert.Equal(
                written[i].Transactions.Select(t => Convert.ToHexString(t.Span)),
                read[i].Transactions.Select(t => Convert.ToHexString(t.Span)));
        }
    }

    [Fact]
    public void Blank_lines_and_crlf_are_accepted()
    {
        var line = $"{{\"number\": 1, \"coinbase\": \"{Coinbase}\", \"gasLimit\": 1, \"transactions\": []}}";
        Assert.Equal(2, ReadAll($"\n{line}\r\n   \r\n{line}").Count);
    }

    [Fact]
    public void Invalid_json_names_its_line()
    {
        var good = Line($"\"number\": 1, \"coinbase\": \"{Coinbase}\", \"gasLimit\": 1, \"transactions\": []");
        var e = ReadError(good + "{\"number\": 2,,}\n");

        Assert.Equal(2, e.Line);
        Assert.Contains("blocks.jsonl:2", e.Message);
        Assert.Contains("invalid JSON", e.Message);
    }

    [Fact]
    public void Truncated_last_line_is_reported()
    {
        var e = ReadError($"{{\"number\": 1, \"coinbase\": \"{Coinbase}\", \"gasLimit\": 1, \"transactions\": [\"0x02");

        Assert.Equal(1, e.Line);
        Assert.Contains("invalid JSON", e.Problem);
    }

    [Fact]
    public void Content_after_the_object_is_invalid()
    {
        Assert.Contains("invalid JSON", ReadError(Line($"\"number\": 1, \"coinbase\": \"{Coinbase}\", \"gasLimit\": 1, \"transactions\": []").TrimEnd() + " 5\n").Problem);
    }

    [Fact]
    public void Missing_field_is_named()
    {
        var e = ReadError(Line("\"number\": 1, \"gasLimit\": 1, \"transactions\": []"));

        Assert.Equal("coinbase", e.Field);
        Assert.Equal("is missing", e.Problem);
    }

    [Fact]
    public void Duplicate_field_is_rejected()
    {
        Assert.Equal("number", ReadError(Line($"\"number\": 1, \"number\": 2, \"coinbase\": \"{Coinbase}\", \"gasLimit\": 1, \"transactions\": []")).Field);
    }

    [Theory]
    [InlineData("\"0x00000000000000000000000000000000000000c\"")]
    [InlineData("\"0xzz000000000000000000000000000000000000c0\"")]
    [InlineData("12")]
    public void Invalid_coinbase_is_named(string coinbase)
    {
        Assert.Equal("coinbase", ReadError(Line($"\"number\": 1, \"coinbase\": {coinbase}, \"gasLimit\": 1, \"transactions\": []")).Field);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("\"0x\"")]
    [InlineData("\"0x10000000000000000\"")]
    [InlineData("18446744073709551616")]
    [InlineData("true")]
    public void Invalid_64_bit_quantities_are_named(string number)
    {
        Assert.Equal("number", ReadError(Line($"\"number\": {number}, \"coinbase\": \"{Coinbase}\", \"gasLimit\": 1, \"transactions\": []")).Field);
    }

    [Fact]
    public void Base_fee_above_256_bits_is_rejected()
    {
        var fee = "\"0x1" + new string('0', 64) + "\"";
        Assert.Equal("baseFee", ReadError(Line($"\"number\": 1, \"baseFee\": {fee}, \"coinbase\": \"{Coinbase}\", \"gasLimit\": 1, \"transactions\": []")).Field);
    }

    [Theory]
    [InlineData("\"0x123\"")]
    [InlineData("\"0xgg\"")]
    [InlineData("5")]
    public void Transaction_that_is_not_hex_names_its_index(string tx)
    {
        Assert.Equal("transactions[1]", ReadError(Line($"\"number\": 1, \"coinbase\": \"{Coinbase}\", \"gasLimit\": 1, \"transactions\": [\"0x00\", {tx}]")).Field);
    }

    [Fact]
    public void Oversized_transaction_is_rejected_by_the_limit()
    {
        var e = ReadError(
            Line($"\"number\": 1, \"coinbase\": \"{Coinbase}\", \"gasLimit\": 1, \"transactions\": [\"0x{new string('a', 2000)}\"]"),
            new BlockReaderOptions { MaxTransactionBytes = 999 });

        Assert.Equal("transactions[0]", e.Field);
        Assert.Contains("999", e.Problem);
    }

    [Fact]
    public void Line_longer_than_the_limit_is_rejected_without_reading_it_whole()
    {
        var e = ReadError("{\"number\": 1, \"pad\": \"" + new string('x', 500_000) + "\"}\n", new BlockReaderOptions { MaxLineBytes = 100_000 });

        Assert.Equal(1, e.Line);
        Assert.Contains("100000", e.Problem);
    }

    [Fact]
    public void Unknown_fields_are_ignored()
    {
        Assert.Single(ReadAll(Line($"\"hash\": {{\"a\": [1, 2]}}, \"number\": 1, \"coinbase\": \"{Coinbase}\", \"gasLimit\": 1, \"transactions\": []")));
    }
}
