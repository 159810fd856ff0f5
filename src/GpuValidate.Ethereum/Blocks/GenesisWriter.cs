using System.Text.Json;

namespace GpuValidate.Ethereum.Blocks;

/// <summary>
/// Writes a genesis file in the form <see cref="GenesisReader"/> reads: the chain id as a JSON number, each
/// account's balance and nonce as minimal 0x-hex strings, accounts in the order given.
/// </summary>
public static class GenesisWriter
{
    /// <summary>Writes <paramref name="genesis"/> to a new file at <paramref name="path"/>.</summary>
    public static void Write(string path, Genesis genesis)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
        Write(stream, genesis);
    }

    /// <summary>Writes <paramref name="genesis"/> to <paramref name="stream"/> (left open).</summary>
    public static void Write(Stream stream, Genesis genesis)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(genesis);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartObject("config");
        json.WriteNumber("chainId", genesis.ChainId);
        json.WriteEndObject();
        json.WriteStartObject("alloc");
        foreach (var account in genesis.Alloc)
        {
            json.WriteStartObject(account.Address.ToString());
            json.WriteString("balance", account.Balance.ToHexString());
            json.WriteString("nonce", "0x" + account.Nonce.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
    }
}
