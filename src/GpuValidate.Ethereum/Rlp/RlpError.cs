namespace GpuValidate.Ethereum.Rlp;

/// <summary>Why an RLP read failed; <see cref="None"/> after a successful read.</summary>
public enum RlpError : byte
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The input ends before the item (or its header) does.</summary>
    Truncated,

    /// <summary>A length is not in its shortest form: a single byte below 0x80 wrapped in a header, the long form for fewer than 56 bytes, or a length with leading zero bytes.</summary>
    NonCanonicalSize,

    /// <summary>An integer has leading zero bytes (zero must be the empty string).</summary>
    NonCanonicalInteger,

    /// <summary>An integer has more bytes than its type holds.</summary>
    IntegerOverflow,

    /// <summary>A list was expected but a byte string was found.</summary>
    ExpectedList,

    /// <summary>A byte string was expected but a list was found.</summary>
    ExpectedString,

    /// <summary>A fixed-size byte string (address, hash) has the wrong length.</summary>
    WrongLength,

    /// <summary>Bytes remain after the last expected item.</summary>
    TrailingBytes,

    /// <summary>The reader is past its end.</summary>
    EndOfInput,
}
