using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.Ethereum.Blocks;

/// <summary>
/// Reads a genesis file in geth's form, <c>{"config": {"chainId": N}, "alloc": {"0x&lt;address&gt;": {"balance": "..",
/// "nonce": ".."}}}</c>, with a forward-only reader (no document tree). Balances and nonces may be 0x-hex strings,
/// decimal strings or JSON numbers. Other config fields and other top-level fields are ignored; accounts with
/// non-empty <c>code</c> or <c>storage</c> are rejected because the state model holds neither.
/// </summary>
public static class GenesisReader
{
    /// <summary>The largest genesis file read, in bytes: 1 GiB.</summary>
    public const long MaxFileBytes = 1L << 30;

    /// <summary>Reads a genesis file.</summary>
    /// <exception cref="BlockFormatException">The file is not a valid genesis file.</exception>
    public static Genesis Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return Read(stream, Path.GetFileName(path));
    }

    /// <summary>Reads a genesis document from <paramref name="stream"/>.</summary>
    /// <exception cref="BlockFormatException">The input is not a valid genesis file.</exception>
    public static Genesis Read(Stream stream, string sourceName = "genesis")
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var memory = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (memory.Length + read > MaxFileBytes)
            {
                throw new BlockFormatException(sourceName, 0, null, $"larger than the {MaxFileBytes}-byte limit");
            }

            memory.Write(chunk, 0, read);
        }

        var bytes = memory.GetBuffer().AsSpan(0, (int)memory.Length);
        if (!TryParse(bytes, out var genesis, out var line, out var field, out var problem))
        {
            throw new BlockFormatException(sourceName, line, field, problem);
        }

        return genesis;
    }

    /// <summary>Parses a UTF-8 genesis document; on failure, the line (1-based), field and problem.</summary>
    public static bool TryParse(
        ReadOnlySpan<byte> utf8,
        [NotNullWhen(true)] out Genesis? genesis,
        out long line,
        out string? field,
        [NotNullWhen(false)] out string? problem)
    {
        genesis = null;
        field = null;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 16, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            problem = Parse(ref reader, out genesis, ref field);
        }
        catch (JsonException e)
        {
            line = (e.LineNumber ?? 0) + 1;
            problem = $"invalid JSON ({e.Message})";
            genesis = null;
            return false;
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader reports text that is not valid UTF-8 this way when a name is read as a string.
            line = LineOf(utf8, reader.TokenStartIndex);
            problem = $"invalid JSON text ({e.Message})";
            genesis = null;
            return false;
        }

        line = problem is null ? 0 : LineOf(utf8, reader.TokenStartIndex);
        if (problem is not null)
        {
            genesis = null;
            return false;
        }

        return genesis is not null;
    }

    private static long LineOf(ReadOnlySpan<byte> utf8, long offset) =>
        utf8[..(int)Math.Min(offset, utf8.Length)].Count((byte)'\n') + 1;

    private static string? Parse(ref Utf8JsonReader reader, out Genesis? genesis, ref string? field)
    {
        genesis = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return "a genesis file is one JSON object";
        }

        ulong? chainId = null;
        List<GenesisAccount>? alloc = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            field = name;
            reader.Read();
            string? problem;
            if (name == "config")
            {
                if (chainId is not null)
                {
                    return "appears twice";
                }

                problem = ReadConfig(ref reader, out var id, ref field);
                chainId = id;
            }
            else if (name == "alloc")
            {
                if (alloc is not null)
                {
                    return "appears twice";
                }

                problem = ReadAlloc(ref reader, out alloc, ref field);
            }
            else
            {
                reader.Skip();
                problem = null;
            }

            if (problem is not null)
            {
                return problem;
            }
        }

        while (reader.Read())
        {
        }

        if (chainId is null)
        {
            field = "config.chainId";
            return "is missing";
        }

        if (alloc is null)
        {
            field = "alloc";
            return "is missing";
        }

        field = null;
        genesis = new Genesis { ChainId = chainId.Value, Alloc = alloc };
        return null;
    }

    private static string? ReadConfig(ref Utf8JsonReader reader, out ulong? chainId, ref string? field)
    {
        chainId = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return $"is a JSON {JsonQuantity.Describe(reader.TokenType)}, not an object";
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("chainId"u8))
            {
                field = "config.chainId";
                if (chainId is not null)
                {
                    return "appears twice";
                }

                reader.Read();
                var problem = JsonQuantity.TryUInt64(ref reader, out var id);
                if (problem is not null)
                {
                    return problem;
                }

                chainId = id;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        field = "config.chainId";
        return chainId is null ? "is missing" : null;
    }

    private static string? ReadAlloc(ref Utf8JsonReader reader, out List<GenesisAccount>? alloc, ref string? field)
    {
        alloc = new List<GenesisAccount>();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return $"is a JSON {JsonQuantity.Describe(reader.TokenType)}, not an object";
        }

        var seen = new HashSet<Address>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString();
            field = $"alloc.{key}";
            if (!Address.TryParse(key, out var address))
            {
                return "the key is not a 20-byte hex address";
            }

            if (!seen.Add(address))
            {
                return "the address appears twice";
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return $"is a JSON {JsonQuantity.Describe(reader.TokenType)}, not an object";
            }

            UInt256 balance = default;
            ulong nonce = 0;
            bool hasBalance = false, hasNonce = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                field = $"alloc.{key}.{name}";
                reader.Read();
                string? problem;
                switch (name)
                {
                    case "balance":
                        problem = hasBalance ? "appears twice" : JsonQuantity.TryUInt256(ref reader, out balance);
                        hasBalance = true;
                        break;
                    case "nonce":
                        problem = hasNonce ? "appears twice" : JsonQuantity.TryUInt64(ref reader, out nonce);
                        hasNonce = true;
                        break;
                    case "code":
                        problem = reader.TokenType == JsonTokenType.String && (reader.ValueTextEquals(""u8) || reader.ValueTextEquals("0x"u8))
                            ? null
                            : "contract code in genesis is not supported";
                        break;
                    case "storage":
                        problem = reader.TokenType == JsonTokenType.StartObject && reader.Read() && reader.TokenType == JsonTokenType.EndObject
                            ? null
                            : "contract storage in genesis is not supported";
                        break;
                    default:
                        reader.Skip();
                        problem = null;
                        break;
                }

                if (problem is not null)
                {
                    return problem;
                }
            }

            if (!hasBalance)
            {
                field = $"alloc.{key}.balance";
                return "is missing";
            }

            alloc.Add(new GenesisAccount(address, balance, nonce));
        }

        return null;
    }
}
