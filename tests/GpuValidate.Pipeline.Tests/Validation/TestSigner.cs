using GpuValidate.Ethereum.Hashing;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.Ethereum.Transactions;
using NBitcoin.Secp256k1;

namespace GpuValidate.Pipeline.Tests.Validation;

/// <summary>Signs transactions with NBitcoin.Secp256k1 and derives the expected sender from the private key.</summary>
internal static class TestSigner
{
    public static byte[] Key(int seed)
    {
        var key = new byte[32];
        new Random(seed).NextBytes(key);
        key[0] = 0x01;
        return key;
    }

    public static Address AddressOf(byte[] key)
    {
        Assert.True(ECPrivKey.TryCreate(key, out var privateKey));
        Span<byte> uncompressed = stackalloc byte[65];
        privateKey.CreatePubKey().WriteToSpan(false, uncompressed, out _);
        Span<byte> hash = stackalloc byte[32];
        Keccak.Hash(uncompressed[1..], hash);
        return new Address(hash[12..]);
    }

    /// <summary>Signs and returns (r, s, yParity).</summary>
    public static (UInt256 R, UInt256 S, byte YParity) Sign(UnsignedTransaction tx, byte[] key)
    {
        Assert.True(ECPrivKey.TryCreate(key, out var privateKey));
        var digest = TransactionEncoder.SigningHash(tx).ToArray();
        Assert.True(privateKey.TrySignRecoverable(digest, out var signature));
        Span<byte> compact = stackalloc byte[64];
        signature!.WriteToSpanCompact(compact, out var recid);
        Assert.True(UInt256.TryFromBigEndian(compact[..32], out var r));
        Assert.True(UInt256.TryFromBigEndian(compact[32..], out var s));
        return (r, s, (byte)recid);
    }

    public static byte[] SignedRaw(UnsignedTransaction tx, byte[] key)
    {
        var (r, s, y) = Sign(tx, key);
        return TransactionEncoder.EncodeSigned(tx, r, s, y);
    }
}
