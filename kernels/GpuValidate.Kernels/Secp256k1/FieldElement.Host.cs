using GpuValidate.Kernels.Hashing;

namespace GpuValidate.Kernels.Secp256k1;

/// <summary>Host conveniences: byte conversion and text (not used by kernels).</summary>
public readonly partial struct FieldElement : IEquatable<FieldElement>
{
    /// <summary>Parses a 32-byte big-endian value; false when it is not below p (not a canonical encoding).</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes32"/> is not 32 bytes long.</exception>
    public static bool TryFromBytes(ReadOnlySpan<byte> bytes32, out FieldElement value)
    {
        var digest = Digest256.FromBytes(bytes32);
        value = IsBelowPrime(digest) ? FromDigest(digest) : default;
        return IsBelowPrime(digest);
    }

    /// <summary>The 32-byte big-endian encoding.</summary>
    public byte[] ToBytes() => ToDigest().ToArray();

    /// <inheritdoc/>
    public bool Equals(FieldElement other) => AreEqual(this, other);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FieldElement other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(L0, L1, L2, L3, L4, L5, L6, L7);

    /// <summary>Lower-case hex of the 32-byte encoding.</summary>
    public override string ToString() => ToDigest().ToString();

    /// <summary>Value equality.</summary>
    public static bool operator ==(FieldElement left, FieldElement right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(FieldElement left, FieldElement right) => !left.Equals(right);
}
