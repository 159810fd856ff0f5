using GpuValidate.Kernels.Hashing;
using ILGPU;

namespace GpuValidate.Kernels.Secp256k1;

/// <summary>
/// The kernels <see cref="SignatureKernels"/> launches: one thread per item over flat buffers, each a thin load /
/// call / store around the shared algorithms in <see cref="Ecdsa"/> and <see cref="Schnorr"/>.
/// </summary>
internal static class SignatureKernelBodies
{
    public static void VerifyEcdsa(
        Index1D index,
        ArrayView<byte> digests,
        ArrayView<byte> signatures,
        ArrayView<byte> publicKeys,
        ArrayView<byte> publicKeyLengths,
        ArrayView<uint> table,
        ArrayView<byte> status,
        int requireLowS)
    {
        long i = index.X;
        long key = i * 65;
        status[i] = Ecdsa.Verify(
            new DeviceGeneratorTable(table),
            Digest256.Load(digests, i * 32),
            Digest256.Load(signatures, i * 64),
            Digest256.Load(signatures, (i * 64) + 32),
            publicKeys[key],
            Digest256.Load(publicKeys, key + 1),
            Digest256.Load(publicKeys, key + 33),
            publicKeyLengths[i],
            requireLowS != 0);
    }

    public static void VerifySchnorr(
        Index1D index,
        ArrayView<byte> publicKeys,
        ArrayView<byte> signatures,
        ArrayView<byte> messages,
        ArrayView<int> offsets,
        ArrayView<int> lengths,
        ArrayView<uint> table,
        ArrayView<byte> status,
        Digest256 challengeMidstate)
    {
        long i = index.X;
        var px = Digest256.Load(publicKeys, i * 32);
        var r = Digest256.Load(signatures, i * 64);
        var challenge = ChallengeHash.Hash(challengeMidstate, r, px, messages, offsets[i], lengths[i]);
        status[i] = Schnorr.Verify(new DeviceGeneratorTable(table), px, r, Digest256.Load(signatures, (i * 64) + 32), challenge);
    }

    public static void Recover(
        Index1D index,
        ArrayView<byte> digests,
        ArrayView<byte> signatures,
        ArrayView<uint> table,
        ArrayView<byte> publicKeys,
        ArrayView<byte> addresses,
        ArrayView<byte> status)
    {
        long i = index.X;
        byte result = Ecdsa.Recover(
            new DeviceGeneratorTable(table),
            Digest256.Load(digests, i * 32),
            Digest256.Load(signatures, i * 65),
            Digest256.Load(signatures, (i * 65) + 32),
            signatures[(i * 65) + 64],
            out var key);
        var x = key.X.ToDigest();
        var y = key.Y.ToDigest();
        if (result != SignatureStatus.Valid)
        {
            x = default;
            y = default;
        }

        x.Store(publicKeys, i * 64);
        y.Store(publicKeys, (i * 64) + 32);
        StoreAddress(result, x, y, addresses, i * 20);
        status[i] = result;
    }

    public static void RecoverSenders(
        Index1D index,
        ArrayView<byte> payloads,
        ArrayView<int> offsets,
        ArrayView<int> lengths,
        ArrayView<byte> signatures,
        ArrayView<uint> table,
        ArrayView<byte> signingHashes,
        ArrayView<byte> addresses,
        ArrayView<byte> status)
    {
        long i = index.X;
        var hash = Keccak256.Hash(payloads, offsets[i], lengths[i]);
        hash.Store(signingHashes, i * 32);
        byte result = Ecdsa.Recover(
            new DeviceGeneratorTable(table),
            hash,
            Digest256.Load(signatures, i * 65),
            Digest256.Load(signatures, (i * 65) + 32),
            signatures[(i * 65) + 64],
            out var key);
        StoreAddress(result, key.X.ToDigest(), key.Y.ToDigest(), addresses, i * 20);
        status[i] = result;
    }

    // The address is the last 20 bytes (words 3-7) of Keccak-256 over x || y; zero when recovery failed.
    private static void StoreAddress(byte result, in Digest256 x, in Digest256 y, ArrayView<byte> addresses, long offset)
    {
        var hash = Keccak256.Hash64(x, y);
        if (result != SignatureStatus.Valid)
        {
            hash = default;
        }

        StoreWord(addresses, offset, hash.W3);
        StoreWord(addresses, offset + 4, hash.W4);
        StoreWord(addresses, offset + 8, hash.W5);
        StoreWord(addresses, offset + 12, hash.W6);
        StoreWord(addresses, offset + 16, hash.W7);
    }

    private static void StoreWord(ArrayView<byte> target, long offset, uint word)
    {
        target[offset] = (byte)(word >> 24);
        target[offset + 1] = (byte)(word >> 16);
        target[offset + 2] = (byte)(word >> 8);
        target[offset + 3] = (byte)word;
    }
}
