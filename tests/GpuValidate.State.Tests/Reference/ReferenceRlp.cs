namespace GpuValidate.State.Tests.Reference;

/// <summary>RLP as the Yellow Paper's appendix B writes it, allocation-happy and independent of the production code.</summary>
internal static class ReferenceRlp
{
    public static byte[] String(byte[] bytes)
    {
        if (bytes.Length == 1 && bytes[0] < 128)
        {
            return bytes;
        }

        return [.. Header(bytes.Length, 128), .. bytes];
    }

    public static byte[] List(params byte[][] encodedItems)
    {
        var payload = encodedItems.SelectMany(x => x).ToArray();
        return [.. Header(payload.Length, 192), .. payload];
    }

    public static byte[] UInt(System.Numerics.BigInteger value) =>
        String(value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true));

    private static byte[] Header(int length, int offset)
    {
        if (length < 56)
        {
            return [(byte)(offset + length)];
        }

        var be = new System.Numerics.BigInteger(length).ToByteArray(isUnsigned: true, isBigEndian: true);
        return [(byte)(offset + 55 + be.Length), .. be];
    }
}
