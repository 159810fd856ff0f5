using System.Text;
using System.Text.Json;
using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.Ethereum.Blocks;

/// <summary>
/// Reads the values block and genesis files hold, from a <see cref="Utf8JsonReader"/> positioned on the value:
/// quantities are a non-negative JSON integer, a 0x-hex string (1 to 64 digits) or a decimal string, as geth
/// accepts them. Every method returns a problem description, or null when the value was read.
/// </summary>
internal static class JsonQuantity
{
    private const int MaxQuantityChars = 80;

    public static string? TryUInt256(ref Utf8JsonReader reader, out UInt256 value)
    {
        value = default;
        if (reader.TokenType is not (JsonTokenType.Number or JsonTokenType.String))
        {
            return $"is a JSON {Describe(reader.TokenType)}, not a number or a quantity string";
        }

        var span = reader.ValueSpan;
        if (reader.HasValueSequence || reader.ValueIsEscaped || span.Length > MaxQuantityChars)
        {
            return $"is not a quantity (at most {MaxQuantityChars} plain characters)";
        }

        var text = Encoding.ASCII.GetString(span);
        if (reader.TokenType == JsonTokenType.Number && !text.All(char.IsAsciiDigit))
        {
            return "is not a non-negative integer";
        }

        return UInt256.TryParse(text, out value) ? null : "is not a 0x-hex or decimal quantity below 2^256";
    }

    public static string? TryUInt64(ref Utf8JsonReader reader, out ulong value)
    {
        value = 0;
        var problem = TryUInt256(ref reader, out var wide);
        if (problem is not null)
        {
            return problem;
        }

        if (!wide.FitsInUInt64)
        {
            return "does not fit in 64 bits";
        }

        value = wide.Low64;
        return null;
    }

    public static string? TryAddress(ref Utf8JsonReader reader, out Address address)
    {
        address = default;
        if (reader.TokenType != JsonTokenType.String || reader.HasValueSequence || reader.ValueIsEscaped || reader.ValueSpan.Length > 42)
        {
            return "is not a 20-byte 0x-hex address";
        }

        return Address.TryParse(Encoding.ASCII.GetString(reader.ValueSpan), out address) ? null : "is not a 20-byte 0x-hex address";
    }

    /// <summary>The bytes a UTF-8 hex string (with or without 0x) holds, or -1 when it is not hex of even length.</summary>
    public static int HexByteCount(ReadOnlySpan<byte> utf8)
    {
        utf8 = StripPrefix(utf8);
        if (utf8.Length % 2 != 0)
        {
            return -1;
        }

        foreach (var c in utf8)
        {
            if (HexValue(c) < 0)
            {
                return -1;
            }
        }

        return utf8.Length / 2;
    }

    /// <summary>Decodes UTF-8 hex already checked with <see cref="HexByteCount"/>.</summary>
    public static void DecodeHex(ReadOnlySpan<byte> utf8, Span<byte> destination)
    {
        utf8 = StripPrefix(utf8);
        for (var i = 0; i < utf8.Length / 2; i++)
        {
            destination[i] = (byte)((HexValue(utf8[2 * i]) << 4) | HexValue(utf8[(2 * i) + 1]));
        }
    }

    public static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static ReadOnlySpan<byte> StripPrefix(ReadOnlySpan<byte> utf8) =>
        utf8.Length >= 2 && utf8[0] == '0' && (utf8[1] | 0x20) == 'x' ? utf8[2..] : utf8;

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
