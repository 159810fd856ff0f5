using System.Text;
using GpuValidate.Ethereum.Blocks;
using GpuValidate.Ethereum.Primitives;
using Xunit.Abstractions;

namespace GpuValidate.Ethereum.Tests.Blocks;

/// <summary>Mutated block and genesis files: the readers either succeed or throw <see cref="BlockFormatException"/>, nothing else.</summary>
public sealed class BlockFormatFuzzTests(ITestOutputHelper output)
{
    private const string Alphabet = "{}[]\":,0x1aZ \n\\-.e";

    private static byte[] Mutate(Random random, byte[] original)
    {
        var data = (byte[])original.Clone();
        switch (random.Next(5))
        {
            case 0:
                return data[..random.Next(data.Length)];
            case 1:
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    data[random.Next(data.Length)] = (byte)Alphabet[random.Next(Alphabet.Length)];
                }

                return data;
            case 2:
                data[random.Next(data.Length)] = (byte)random.Next(256);
                return data;
            case 3:
                var cut = random.Next(data.Length);
                return [.. data[..cut], .. data[Math.Min(data.Length, cut + random.Next(1, 20))..]];
            default:
                var at = random.Next(data.Length);
                return [.. data[..at], .. data[at..Math.Min(data.Length, at + random.Next(1, 30))], .. data[at..]];
        }
    }

    [Fact]
    public void Mutated_block_files_read_or_fail_with_the_format_exception_only()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        using var memory = new MemoryStream();
        using (var writer = new BlockWriter(memory, leaveOpen: true))
        {
            for (var i = 0; i < 3; i++)
            {
                writer.Write(new Block
                {
                    Number = (ulong)i,
                    Coinbase = Address.Zero,
                    BaseFee = 7,
                    GasLimit = 30_000_000,
                    Timestamp = 1,
                    ChainId = 1,
                    Transactions = [new byte[] { 2, 0xc0 }, new byte[] { 0xc0 }],
                });
            }
        }

        var original = memory.ToArray();
        int ok = 0, rejected = 0;
        for (var i = 0; i < TestScale.Of(3000); i++)
        {
            var input = Mutate(random, original);
            try
            {
                using var reader = new BlockReader(new MemoryStream(input), "fuzz", new BlockReaderOptions { MaxLineBytes = 4096 });
                ok += reader.ReadAll().Count() >= 0 ? 1 : 0;
            }
            catch (BlockFormatException)
            {
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"seed {seed}, item {i}: {e.GetType().Name}: {e.Message} for {Encoding.UTF8.GetString(input)}");
            }
        }

        output.WriteLine($"{ok} read, {rejected} rejected");
    }

    [Fact]
    public void Mutated_genesis_files_read_or_fail_with_the_format_exception_only()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var original = Encoding.UTF8.GetBytes("""
            {"config": {"chainId": 5, "londonBlock": 0}, "alloc": {
              "0x71562b71999873db5b286df957af199ec94617f7": {"balance": "0x10", "nonce": 3, "code": "", "storage": {}},
              "0000000000000000000000000000000000000001": {"balance": "1000"}}, "extra": [1, {"a": null}]}
            """);
        int ok = 0, rejected = 0;
        for (var i = 0; i < TestScale.Of(3000); i++)
        {
            var input = Mutate(random, original);
            try
            {
                _ = GenesisReader.Read(new MemoryStream(input), "fuzz");
                ok++;
            }
            catch (BlockFormatException)
            {
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"seed {seed}, item {i}: {e.GetType().Name}: {e.Message} for {Encoding.UTF8.GetString(input)}");
            }
        }

        output.WriteLine($"{ok} read, {rejected} rejected");
    }

    [Fact]
    public void Mutated_binary_block_files_read_or_fail_with_the_format_exception_only()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var original = Enumerable.Range(0, 3)
            .SelectMany(i => RlpBlockWriter.Encode(new Block { Number = (ulong)i, GasLimit = 1, ChainId = i == 1 ? null : 1, Transactions = [new byte[] { 2, 0xc0 }, new byte[70]] }))
            .ToArray();
        int ok = 0, rejected = 0;
        for (var i = 0; i < TestScale.Of(3000); i++)
        {
            var input = Mutate(random, original);
            try
            {
                using var reader = new RlpBlockReader(new MemoryStream(input), "fuzz", new BlockReaderOptions { MaxLineBytes = 4096 });
                ok += reader.ReadAll().Count() >= 0 ? 1 : 0;
            }
            catch (BlockFormatException)
            {
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"seed {seed}, item {i}: {e.GetType().Name}: {e.Message} for {Convert.ToHexString(input)}");
            }
        }

        output.WriteLine($"{ok} read, {rejected} rejected");
    }
}
