using System.Text;
using GpuValidate.Ethereum.Blocks;
using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.Ethereum.Tests.Blocks;

public sealed class GenesisReaderTests
{
    private const string A = "0x71562b71999873db5b286df957af199ec94617f7";
    private const string B = "0000000000000000000000000000000000000001";

    private static Genesis Read(string json) => GenesisReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "genesis.json");

    private static BlockFormatException ReadError(string json) => Assert.Throws<BlockFormatException>(() => Read(json));

    [Fact]
    public void Geth_style_genesis_reads_hex_and_decimal_balances_and_ignores_other_config()
    {
        var genesis = Read($$"""
            {
              "config": { "chainId": 1337, "homesteadBlock": 0, "londonBlock": 0 },
              "difficulty": "0x1",
              "gasLimit": "0x1c9c380",
              "alloc": {
                "{{A}}": { "balance": "0xffffffffffffffffffffffffffffffffffffffff", "nonce": "0x5" },
                "{{B}}": { "balance": "1000000000000000000000" }
              }
            }
            """);

        Assert.Equal(1337UL, genesis.ChainId);
        Assert.Equal(2, genesis.Alloc.Count);
        Assert.Equal(Address.Parse(A), genesis.Alloc[0].Address);
        Assert.Equal(new UInt256(ulong.MaxValue, ulong.MaxValue, 0xFFFFFFFF), genesis.Alloc[0].Balance);
        Assert.Equal(5UL, genesis.Alloc[0].Nonce);
        Assert.True(UInt256.TryFromBigInteger(System.Numerics.BigInteger.Pow(10, 21), out var thousandEther));
        Assert.Equal(thousandEther, genesis.Alloc[1].Balance);
        Assert.Equal(0UL, genesis.Alloc[1].Nonce);
    }

    [Fact]
    public void Written_genesis_reads_back_identically()
    {
        var random = new Random(3);
        var accounts = Enumerable.Range(0, 50).Select(i =>
        {
            var address = new byte[20];
            random.NextBytes(address);
            return new GenesisAccount(new Address(address), new UInt256((ulong)random.NextInt64(), (ulong)i), (ulong)random.Next());
        }).ToList();
        var written = new Genesis { ChainId = 99, Alloc = accounts };
        using var memory = new MemoryStream();
        GenesisWriter.Write(memory, written);

        var read = Read(Encoding.UTF8.GetString(memory.ToArray()));

        Assert.Equal(99UL, read.ChainId);
        Assert.Equal(accounts, read.Alloc);
    }

    [Fact]
    public void Duplicate_alloc_entry_is_rejected_even_in_another_spelling()
    {
        var e = ReadError("{\"config\": {\"chainId\": 1}, \"alloc\": {\"" + A + "\": {\"balance\": \"1\"}, \"" + A.ToUpperInvariant().Replace("0X", "", StringComparison.Ordinal) + "\": {\"balance\": \"2\"}}}");

        Assert.Contains("appears twice", e.Problem);
        Assert.StartsWith("alloc.", e.Field);
    }

    [Fact]
    public void Invalid_address_key_is_named()
    {
        Assert.Equal("alloc.0x1234", ReadError("""{"config": {"chainId": 1}, "alloc": {"0x1234": {"balance": "1"}}}""").Field);
    }

    [Fact]
    public void Balance_above_256_bits_is_named()
    {
        var balance = "0x1" + new string('0', 64);
        Assert.Equal($"alloc.{A}.balance", ReadError("{\"config\": {\"chainId\": 1}, \"alloc\": {\"" + A + "\": {\"balance\": \"" + balance + "\"}}}").Field);
    }

    [Fact]
    public void Missing_chain_id_is_named()
    {
        Assert.Equal("config.chainId", ReadError("""{"config": {}, "alloc": {}}""").Field);
    }

    [Fact]
    public void Missing_alloc_is_named()
    {
        Assert.Equal("alloc", ReadError("""{"config": {"chainId": 1}}""").Field);
    }

    [Fact]
    public void Contract_code_is_rejected_as_unsupported()
    {
        Assert.Contains("not supported", ReadError("{\"config\": {\"chainId\": 1}, \"alloc\": {\"" + A + "\": {\"balance\": \"1\", \"code\": \"0x6000\"}}}").Problem);
    }

    [Fact]
    public void Invalid_json_names_its_line()
    {
        var e = ReadError("{\n  \"config\": {\"chainId\": 1},\n  \"alloc\": {,}\n}");

        Assert.Equal(3, e.Line);
        Assert.Contains("genesis.json:3", e.Message);
    }

    [Fact]
    public void Truncated_file_is_reported()
    {
        Assert.Contains("invalid JSON", ReadError("{\"config\": {\"chainId\": 1}, \"alloc\": {\"" + A + "\": {\"bal").Problem);
    }
}
