namespace GpuValidate.Engine.Encoding;

/// <summary>
/// Strict DER ECDSA signatures as BIP-66 defines them (without Bitcoin's trailing sighash byte):
/// <c>30 len 02 lenR R 02 lenS S</c>, single-byte lengths, no negative integers, no excess zero padding,
/// no trailing bytes, 8 to 72 bytes in all.
/// </summary>
public static class DerSignature
{
    /// <summary>The longest encoding BIP-66 accepts.</summary>
    public const int MaxLength = 72;

    /// <summary>The shortest encoding BIP-66 accepts.</summary>
    public const int MinLength = 8;

    /// <summary>
    /// Checks the encoding rules of BIP-66, one by one, in the order <c>IsValidSignatureEncoding</c> states them.
    /// </summary>
    public static bool IsStrictEncoding(ReadOnlySpan<byte> der)
    {
        if (der.Length is < MinLength or > MaxLength)
        {
            return false;
        }

        // A compound structure whose length covers the rest exactly.
        if (der[0] != 0x30 || der[1] != der.Length - 2)
        {
            return false;
        }

        // R's length must leave room for S's type and length bytes; S's length must end the signature.
        int lenR = der[3];
        if (5 + lenR >= der.Length)
        {
            return false;
        }

        int lenS = der[5 + lenR];
        if (lenR + lenS + 6 != der.Length)
        {
            return false;
        }

        // R: an INTEGER, not empty, not negative, no leading zero unless the next byte has its top bit set.
        if (der[2] != 0x02 || lenR == 0 || (der[4] & 0x80) != 0)
        {
            return false;
        }

        if (lenR > 1 && der[4] == 0x00 && (der[5] & 0x80) == 0)
        {
            return false;
        }

        // S: the same rules.
        if (der[lenR + 4] != 0x02 || lenS == 0 || (der[lenR + 6] & 0x80) != 0)
        {
            return false;
        }

        return !(lenS > 1 && der[lenR + 6] == 0x00 && (der[lenR + 7] & 0x80) == 0);
    }

    /// <summary>
    /// Parses a strict DER signature into 64-byte r||s. False with <see cref="SignatureError.BadDer"/> when
    /// the encoding breaks BIP-66, with <see cref="SignatureError.ROutOfRange"/> or
    /// <see cref="SignatureError.SOutOfRange"/> when an integer is well encoded but cannot be below n
    /// (more than 32 significant bytes). Range checks below 2^256 are left to the verifier.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> der, Span<byte> compact64, out SignatureError error)
    {
        if (compact64.Length < 64)
        {
            throw new ArgumentException("the destination holds 64 bytes", nameof(compact64));
        }

        if (!IsStrictEncoding(der))
        {
            error = SignatureError.BadDer;
            return false;
        }

        int lenR = der[3];
        var r = der.Slice(4, lenR);
        var s = der.Slice(6 + lenR, der[5 + lenR]);
        if (!TryCopyInteger(r, compact64[..32]))
        {
            error = SignatureError.ROutOfRange;
            return false;
        }

        if (!TryCopyInteger(s, compact64.Slice(32, 32)))
        {
            error = SignatureError.SOutOfRange;
            return false;
        }

        error = SignatureError.None;
        return true;
    }

    /// <summary>Writes r||s (each 32 bytes, big-endian) as strict DER; returns the length written.</summary>
    public static int Encode(ReadOnlySpan<byte> compact64, Span<byte> destination)
    {
        var r = Minimal(compact64[..32]);
        var s = Minimal(compact64.Slice(32, 32));
        var lenR = r.Length + (r[0] >= 0x80 ? 1 : 0);
        var lenS = s.Length + (s[0] >= 0x80 ? 1 : 0);
        var total = 6 + lenR + lenS;
        destination[0] = 0x30;
        destination[1] = (byte)(total - 2);
        var at = 2;
        at = WriteInteger(r, lenR, destination, at);
        WriteInteger(s, lenS, destination, at);
        return total;
    }

    private static ReadOnlySpan<byte> Minimal(ReadOnlySpan<byte> value)
    {
        var first = value.IndexOfAnyExcept((byte)0);
        return first < 0 ? value[^1..] : value[first..];
    }

    private static int WriteInteger(ReadOnlySpan<byte> value, int length, Span<byte> destination, int at)
    {
        destination[at++] = 0x02;
        destination[at++] = (byte)length;
        if (length > value.Length)
        {
            destination[at++] = 0x00;
        }

        value.CopyTo(destination[at..]);
        return at + value.Length;
    }

    private static bool TryCopyInteger(ReadOnlySpan<byte> integer, Span<byte> destination32)
    {
        // Strict encoding allows one leading zero only before a byte with its top bit set.
        var significant = integer[0] == 0x00 ? integer[1..] : integer;
        if (significant.Length > 32)
        {
            return false;
        }

        destination32.Clear();
        significant.CopyTo(destination32[(32 - significant.Length)..]);
        return true;
    }
}
