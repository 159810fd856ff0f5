using GpuValidate.Kernels.Hashing;
using ILGPU;

namespace GpuValidate.Kernels.Secp256k1;

/// <summary>
/// The BIP-340 challenge hash SHA256(SHA256(tag) || SHA256(tag) || r || px || m) with the tag block precomputed as a
/// midstate. Its own compact SHA-256 (one shared, never-inlined compression) rather than the streaming
/// <see cref="Sha256State"/>, whose many inlined call sites make a verify kernel slow to compile.
/// </summary>
public static partial class ChallengeHash
{
    /// <summary>The SHA-256 chaining value after the block SHA256(tag) || SHA256(tag) (kernel-safe).</summary>
    public static Digest256 Midstate(in Digest256 tagDigest)
    {
        var h = InitialValue();
        var b = default(Block16);
        b.W0 = b.W8 = tagDigest.W0;
        b.W1 = b.W9 = tagDigest.W1;
        b.W2 = b.W10 = tagDigest.W2;
        b.W3 = b.W11 = tagDigest.W3;
        b.W4 = b.W12 = tagDigest.W4;
        b.W5 = b.W13 = tagDigest.W5;
        b.W6 = b.W14 = tagDigest.W6;
        b.W7 = b.W15 = tagDigest.W7;
        Compress(ref h, b);
        return h;
    }

    /// <summary>The challenge over a message in device memory (kernel-safe).</summary>
    public static Digest256 Hash(in Digest256 midstate, in Digest256 r, in Digest256 px, ArrayView<byte> data, long offset, int length)
    {
        var h = Start(midstate, r, px);
        int blocks = TailBlocks(length);
        var b = default(Block16);
        for (int block = 0; block < blocks; block++)
        {
            for (int j = 0; j < 16; j++)
            {
                uint word = 0;
                for (int k = 0; k < 4; k++)
                {
                    int pos = (block * 64) + (j * 4) + k;
                    uint value = pos < length ? data[offset + pos] : Padding(pos, length, blocks);
                    word = (word << 8) | value;
                }

                b.SetWord(j, word);
            }

            Compress(ref h, b);
        }

        return h;
    }

    /// <summary>The challenge over <paramref name="message"/> (CPU).</summary>
    public static Digest256 Hash(in Digest256 midstate, in Digest256 r, in Digest256 px, ReadOnlySpan<byte> message)
    {
        var h = Start(midstate, r, px);
        int length = message.Length;
        int blocks = TailBlocks(length);
        var b = default(Block16);
        for (int block = 0; block < blocks; block++)
        {
            for (int j = 0; j < 16; j++)
            {
                uint word = 0;
                for (int k = 0; k < 4; k++)
                {
                    int pos = (block * 64) + (j * 4) + k;
                    uint value = pos < length ? message[pos] : Padding(pos, length, blocks);
                    word = (word << 8) | value;
                }

                b.SetWord(j, word);
            }

            Compress(ref h, b);
        }

        return h;
    }

    // Absorbs the 64-byte block r || px after the tag midstate.
    private static Digest256 Start(in Digest256 midstate, in Digest256 r, in Digest256 px)
    {
        var h = midstate;
        Block16 b;
        b.W0 = r.W0;
        b.W1 = r.W1;
        b.W2 = r.W2;
        b.W3 = r.W3;
        b.W4 = r.W4;
        b.W5 = r.W5;
        b.W6 = r.W6;
        b.W7 = r.W7;
        b.W8 = px.W0;
        b.W9 = px.W1;
        b.W10 = px.W2;
        b.W11 = px.W3;
        b.W12 = px.W4;
        b.W13 = px.W5;
        b.W14 = px.W6;
        b.W15 = px.W7;
        Compress(ref h, b);
        return h;
    }

    // Blocks left for the message, the 0x80 byte and the 8-byte length.
    private static int TailBlocks(int length) => (length + 9 + 63) / 64;

    // Byte pos of the padded tail past the message: 0x80, zeros, then the bit length of all
    // 128 + length bytes hashed, big-endian, in the last eight bytes.
    private static uint Padding(int pos, int length, int blocks)
    {
        if (pos == length)
        {
            return 0x80;
        }

        int fromEnd = (blocks * 64) - 1 - pos;
        if (fromEnd >= 8)
        {
            return 0;
        }

        ulong bits = (128UL + (ulong)length) * 8;
        return (uint)((bits >> (8 * fromEnd)) & 0xFF);
    }

    private static Digest256 InitialValue() => new()
    {
        W0 = 0x6a09e667u,
        W1 = 0xbb67ae85u,
        W2 = 0x3c6ef372u,
        W3 = 0xa54ff53au,
        W4 = 0x510e527fu,
        W5 = 0x9b05688cu,
        W6 = 0x1f83d9abu,
        W7 = 0x5be0cd19u,
    };
}
