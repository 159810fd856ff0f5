using GpuValidate.Ethereum.Blocks;
using GpuValidate.Ethereum.Primitives;
using NRlp = Nethereum.RLP.RLP;

namespace GpuValidate.Ethereum.Tests.Blocks;

public sealed class RlpBlockReaderTests
{
    private static Block Sample(ulong number, ulong? chainId, params byte[][] txs) => new()
    {
        Number = number,
        Coinbase = Address.Parse("0x00000000000000000000000000000000000000c0"),
        BaseFee = new UInt256(7, 1),
        GasLimit = 30_000_000,
        Timestamp = 1_700_000_000,
        ChainId = chainId,
        Transactions = txs.Select(t => (ReadOnlyMemory<byte>)t).ToArray(),
    };

    private static List<Block> ReadAll(byte[] data, BlockReaderOptions? options = null, int trickleSeed = -1)
    {
        Stream stream = trickleSeed >= 0 ? new TrickleStream(data, trickleSeed) : new MemoryStream(data);
        using var reader = new RlpBlockReader(stream, "blocks.rlp", options);
        return reader.ReadAll().ToList();
    }

    private static void AssertSame(Block expected, Block actual)
    {
        Assert.Equal(expected with { Transactions = [] }, actual with { Transactions = [] });
        Assert.Equal(expected.Transactions.Select(t => Convert.ToHexString(t.Span)), actual.Transactions.Select(t => Convert.ToHexString(t.Span)));
    }

    [Fact]
    public void Record_layout_matches_an_independent_rlp_encoding()
    {
        var block = Sample(5, 1, [0x02, 0xc0], [0x7f]);
        var expected = NRlp.EncodeList(
            NRlp.EncodeElement([5]),
            NRlp.EncodeElement(block.Coinbase.ToArray()),
            NRlp.EncodeElement([1, 0, 0, 0, 0, 0, 0, 0, 7]),
            NRlp.EncodeElement([0x01, 0xc9, 0xc3, 0x80]),
            NRlp.EncodeElement([0x65, 0x53, 0xf1, 0x00]),
            NRlp.EncodeElement([1]),
            NRlp.EncodeList(NRlp.EncodeElement([0x02, 0xc0]), NRlp.EncodeElement([0x7f])));

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(RlpBlockWriter.Encode(block)));
    }

    [Fact]
    public void Written_blocks_read_back_identically_through_small_reads()
    {
        var random = new Random(9);
        var blocks = Enumerable.Range(0, 30).Select(i =>
        {
            var txs = Enumerable.Range(0, random.Next(0, 5)).Select(_ =>
            {
                var tx = new byte[random.Next(0, i == 7 ? 100_000 : 200)];
                random.NextBytes(tx);
                return tx;
            }).ToArray();
            return Sample((ulong)i, i % 3 == 0 ? null : (ulong)random.NextInt64(), txs);
        }).ToList();
        using var memory = new MemoryStream();
        using (var writer = new RlpBlockWriter(memory, leaveOpen: true))
        {
            blocks.ForEach(writer.Write);
        }

        var read = ReadAll(memory.ToArray(), trickleSeed: 3);

        Assert.Equal(blocks.Count, read.Count);
        for (var i = 0; i < blocks.Count; i++)
        {
            AssertSame(blocks[i], read[i]);
        }
    }

    [Fact]
    public void Truncated_record_names_its_number()
    {
        var data = RlpBlockWriter.Encode(Sample(1, 1, [1, 2, 3])).Concat(RlpBlockWriter.Encode(Sample(2, 1, [4, 5, 6]))).ToArray();

        var e = Assert.Throws<BlockFormatException>(() => ReadAll(data[..^2]));

        Assert.Equal(2, e.Line);
        Assert.Contains("truncated", e.Problem);
    }

    [Fact]
    public void Record_declared_longer_than_the_limit_is_rejected_from_its_header()
    {
        var e = Assert.Throws<BlockFormatException>(() => ReadAll([0xfb, 0x7f, 0xff, 0xff, 0xff], new BlockReaderOptions { MaxLineBytes = 1 << 20 }));
        Assert.Contains("limit", e.Problem);
    }

    [Fact]
    public void Byte_string_record_is_rejected()
    {
        Assert.Throws<BlockFormatException>(() => ReadAll([0x83, 1, 2, 3]));
    }

    [Fact]
    public void Non_canonical_field_is_named()
    {
        var record = NRlp.EncodeList(
            NRlp.EncodeElement([0, 5]),
            NRlp.EncodeElement(new byte[20]),
            NRlp.EncodeElement([]),
            NRlp.EncodeElement([1]),
            NRlp.EncodeElement([1]),
            NRlp.EncodeElement([]),
            NRlp.EncodeList());

        Assert.Equal("number", Assert.Throws<BlockFormatException>(() => ReadAll(record)).Field);
    }

    [Fact]
    public void Oversized_transaction_is_named()
    {
        var data = RlpBlockWriter.Encode(Sample(1, null, [1], new byte[500]));
        var e = Assert.Throws<BlockFormatException>(() => ReadAll(data, new BlockReaderOptions { MaxTransactionBytes = 100 }));
        Assert.Equal("transactions[1]", e.Field);
    }
}
