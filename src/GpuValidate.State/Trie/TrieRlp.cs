namespace GpuValidate.State.Trie;

/// <summary>
/// The few RLP shapes the trie writes: byte strings and list headers. Kept private to this project so the
/// state root does not depend on the general-purpose encoder's allocation habits.
/// </summary>
internal static class TrieRlp
{
    /// <summary>The encoded length of a byte string of <paramref name="length"/> bytes whose first byte is <paramref name="first"/>.</summary>
    public static int StringLength(int length, byte first) =>
        length == 1 && first < 0x80 ? 1 : HeaderLength(length) + length;

    /// <summary>The encoded length of <paramref name="value"/> as an RLP byte string.</summary>
    public static int StringLength(ReadOnlySpan<byte> value) =>
        StringLength(value.Length, value.Length == 0 ? (byte)0 : value[0]);

    /// <summary>The length of a string or list header for a payload of <paramref name="payloadLength"/> bytes.</summary>
    public static int HeaderLength(int payloadLength) =>
        payloadLength <= 55 ? 1 : 1 + ByteCount(payloadLength);

    /// <summary>Writes <paramref name="value"/> as an RLP byte string and returns the bytes written.</summary>
    public static int WriteString(Span<byte> destination, ReadOnlySpan<byte> value)
    {
        if (value.Length == 1 && value[0] < 0x80)
        {
            destination[0] = value[0];
            return 1;
        }

        var header = WriteHeader(destination, value.Length, 0x80);
        value.CopyTo(destination[header..]);
        return header + value.Length;
    }

    /// <summary>Writes a list header for a payload of <paramref name="payloadLength"/> bytes and returns its length.</summary>
    public static int WriteListHeader(Span<byte> destination, int payloadLength) =>
        WriteHeader(destination, payloadLength, 0xc0);

    private static int WriteHeader(Span<byte> destination, int payloadLength, byte offset)
    {
        if (payloadLength <= 55)
        {
            destination[0] = (byte)(offset + payloadLength);
            return 1;
        }

        var count = ByteCount(payloadLength);
        destination[0] = (byte)(offset + 55 + count);
        for (var i = count; i >= 1; i--)
        {
            destination[i] = (byte)payloadLength;
            payloadLength >>= 8;
        }

        return 1 + count;
    }

    private static int ByteCount(int value)
    {
        var count = 0;
        while (value != 0)
        {
            count++;
            value >>= 8;
        }

        return count;
    }
}
