using System.Numerics;
using GpuValidate.Kernels.Hashing;
using GpuValidate.Kernels.Secp256k1;

namespace GpuValidate.Kernels.Tests.Secp256k1;

/// <summary>System.Numerics.BigInteger reference for secp256k1's constants and conversions, independent of the kernels.</summary>
internal static class BigRef
{
    public static readonly BigInteger P = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", System.Globalization.NumberStyles.HexNumber);
    public static readonly BigInteger N = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);
    public static readonly BigInteger Max256 = (BigInteger.One << 256) - 1;
    public static readonly BigInteger Gx = BigInteger.Parse("079BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798", System.Globalization.NumberStyles.HexNumber);
    public static readonly BigInteger Gy = BigInteger.Parse("0483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8", System.Globalization.NumberStyles.HexNumber);

    public static byte[] ToBytes(BigInteger value)
    {
        var bytes = new byte[32];
        var count = value.GetByteCount(isUnsigned: true);
        value.TryWriteBytes(bytes.AsSpan(32 - count), out _, isUnsigned: true, isBigEndian: true);
        return bytes;
    }

    public static BigInteger FromBytes(ReadOnlySpan<byte> bytes) => new(bytes, isUnsigned: true, isBigEndian: true);

    public static Digest256 ToDigest(BigInteger value) => Digest256.FromBytes(ToBytes(value));

    public static FieldElement Fe(BigInteger value) => FieldElement.FromDigest(ToDigest(value));

    public static Scalar Sc(BigInteger value) => Scalar.FromDigest(ToDigest(value));

    public static BigInteger Of(in FieldElement value) => FromBytes(value.ToDigest().ToArray());

    public static BigInteger Of(in Scalar value) => FromBytes(value.ToDigest().ToArray());

    public static BigInteger Mod(BigInteger value, BigInteger m)
    {
        var r = value % m;
        return r.Sign < 0 ? r + m : r;
    }

    public static BigInteger Random(Random random, BigInteger below)
    {
        var bytes = new byte[33];
        random.NextBytes(bytes);
        bytes[32] = 0;
        return new BigInteger(bytes, isUnsigned: true) % below;
    }

    /// <summary>Boundary values and random values below <paramref name="limit"/>, the edges of a limb included.</summary>
    public static IEnumerable<BigInteger> Samples(Random random, BigInteger limit, int count)
    {
        yield return BigInteger.Zero;
        yield return BigInteger.One;
        yield return 2;
        yield return limit - 1;
        yield return limit - 2;
        yield return limit >> 1;
        yield return (limit >> 1) + 1;
        yield return (BigInteger.One << 32) - 1;
        yield return BigInteger.One << 32;
        yield return (BigInteger.One << 224) - 1;
        yield return limit - (BigInteger.One << 32);
        for (int i = 0; i < count; i++)
        {
            yield return Random(random, limit);
        }

        // Values with long runs of one bits stress the carry chains.
        for (int i = 0; i < count / 4; i++)
        {
            yield return limit - 1 - Random(random, BigInteger.One << random.Next(1, 64));
        }
    }
}
