using System.Text;
using GpuValidate.Ethereum.Blocks;

namespace GpuValidate.Ethereum.Tests.Blocks;

public sealed class BlockFormatExceptionTests
{
    [Fact]
    public void Genesis_error_naming_a_field_with_a_newline_stays_on_one_line()
    {
        // The address key carries a raw newline escape; the reader names it in the error.
        var json = "{\"config\":{\"chainId\":1},\"alloc\":{\"0x12\\n34\":{\"balance\":\"0x1\"}}}";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        var error = Assert.Throws<BlockFormatException>(() => GenesisReader.Read(stream, "genesis.json"));

        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\r', error.Message);
        Assert.StartsWith("genesis.json", error.Message, StringComparison.Ordinal);
    }
}
