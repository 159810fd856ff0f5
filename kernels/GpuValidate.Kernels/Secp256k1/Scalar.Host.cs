using GpuValidate.Kernels.Hashing;

namespace GpuValidate.Kernels.Secp256k1;

/// <summary>Host conveniences: byte conversion and text (not used by kernels).</summary>
public readonly partial struct Scalar : IEquatable<Scalar>
{
    /// <summary>Parses a 32-byte big-endian value; false when it is not below n.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes32"/> is not 32 bytes long.</exception>
    public static bool TryFromBytes(ReadOnlySpan<byte> bytes32, out Scalar value)
    {
        var digest = Digest256.FromBytes(bytes32);
        bool below = IsBelowOrder(digest);
        value = below ? FromDigest(digest) : default;
        return below;
    }

    /// <summary>The 32-byte big-endian encoding.</summary>
    public byte[] ToBytes() => ToDigest().ToArray();

    /// <inheritdoc/>
    public bool Equals(Scalar other) => AreEqual(this, other);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Scalar other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(L0, L1, L2, L3, L4, L5, L6, L7);

    /// <summary>Lower-case hex of the 32-byte encoding.</summary>
    public override string ToString() => ToDigest().ToString();

    /// <summary>Value equality.</summary>
    public static bool operator ==(Scalar left, Scalar right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Scalar left, Scalar right) => !left.Equals(right);
}
