using System.Buffers.Binary;
using ILGPU;

namespace GpuValidate.Kernels.Hashing;

/// <summary>
/// The Keccak-f[1600] state as 25 little-endian lanes (lane x + 5y), with absorb and squeeze helpers for
/// the 136-byte rate of Keccak-256. Plain fields, no arrays: usable inside kernels and on the CPU.
/// </summary>
internal partial struct KeccakState
{
    public const int RateBytes = 136;

    public ulong A00, A01, A02, A03, A04, A05, A06, A07, A08, A09, A10, A11, A12,
        A13, A14, A15, A16, A17, A18, A19, A20, A21, A22, A23, A24;

    /// <summary>XORs one full 136-byte block of device memory into the rate (kernel-safe).</summary>
    public void AbsorbBlock(ArrayView<byte> data, long p)
    {
        A00 ^= LoadLane(data, p);
        A01 ^= LoadLane(data, p + 8);
        A02 ^= LoadLane(data, p + 16);
        A03 ^= LoadLane(data, p + 24);
        A04 ^= LoadLane(data, p + 32);
        A05 ^= LoadLane(data, p + 40);
        A06 ^= LoadLane(data, p + 48);
        A07 ^= LoadLane(data, p + 56);
        A08 ^= LoadLane(data, p + 64);
        A09 ^= LoadLane(data, p + 72);
        A10 ^= LoadLane(data, p + 80);
        A11 ^= LoadLane(data, p + 88);
        A12 ^= LoadLane(data, p + 96);
        A13 ^= LoadLane(data, p + 104);
        A14 ^= LoadLane(data, p + 112);
        A15 ^= LoadLane(data, p + 120);
        A16 ^= LoadLane(data, p + 128);
    }

    /// <summary>
    /// XORs the last, partial block (<paramref name="remaining"/> &lt; 136 bytes) with Keccak's 0x01 ... 0x80
    /// padding into the rate (kernel-safe).
    /// </summary>
    public void AbsorbFinal(ArrayView<byte> data, long p, int remaining)
    {
        A00 ^= PadLane(data, p, remaining, 0);
        A01 ^= PadLane(data, p, remaining, 1);
        A02 ^= PadLane(data, p, remaining, 2);
        A03 ^= PadLane(data, p, remaining, 3);
        A04 ^= PadLane(data, p, remaining, 4);
        A05 ^= PadLane(data, p, remaining, 5);
        A06 ^= PadLane(data, p, remaining, 6);
        A07 ^= PadLane(data, p, remaining, 7);
        A08 ^= PadLane(data, p, remaining, 8);
        A09 ^= PadLane(data, p, remaining, 9);
        A10 ^= PadLane(data, p, remaining, 10);
        A11 ^= PadLane(data, p, remaining, 11);
        A12 ^= PadLane(data, p, remaining, 12);
        A13 ^= PadLane(data, p, remaining, 13);
        A14 ^= PadLane(data, p, remaining, 14);
        A15 ^= PadLane(data, p, remaining, 15);
        A16 ^= PadLane(data, p, remaining, 16) ^ 0x8000000000000000UL;
    }

    /// <summary>XORs one full 136-byte block into the rate (CPU).</summary>
    public void AbsorbBlock(ReadOnlySpan<byte> block)
    {
        A00 ^= BinaryPrimitives.ReadUInt64LittleEndian(block);
        A01 ^= BinaryPrimitives.ReadUInt64LittleEndian(block[8..]);
        A02 ^= BinaryPrimitives.ReadUInt64LittleEndian(block[16..]);
        A03 ^= BinaryPrimitives.ReadUInt64LittleEndian(block[24..]);
        A04 ^= BinaryPrimitives.ReadUInt64LittleEndian(block[32..]);
        A05 ^= BinaryPrimitives.ReadUInt64LittleEndian(block[40..]);
        A06 ^= BinaryPrimitives.ReadUInt64LittleEndian(block[48..]);
        A07 ^= BinaryPrimitives.ReadUInt64LittleEndian(block[56..]);
        A08 ^= BinaryPrimitives.ReadUInt64LittleEndian(block[64..]);
        A09 ^= BinaryPrimitives.ReadUInt64LittleEndian(block[72..]);
        A10 ^= BinaryPrimitives.ReadUInt64LittleEndian(block[80..]);
        A11 ^= BinaryPrimitives.ReadUInt64LittleEndian(block[88..]);
        A12 ^= BinaryPrimitives.ReadUInt64LittleEndian(block[96..]);
        A13 ^= BinaryPrimitives.ReadUInt64LittleEndian(block[104..]);
        A14 ^= BinaryPrimitives.ReadUInt64LittleEndian(block[112..]);
        A15 ^= BinaryPrimitives.ReadUInt64LittleEndian(block[120..]);
        A16 ^= BinaryPrimitives.ReadUInt64LittleEndian(block[128..]);
    }

    /// <summary>The first 32 bytes of the state as a digest (kernel-safe).</summary>
    public readonly Digest256 Squeeze256()
    {
        Digest256 d;
        d.W0 = ByteSwap((uint)A00);
        d.W1 = ByteSwap((uint)(A00 >> 32));
        d.W2 = ByteSwap((uint)A01);
        d.W3 = ByteSwap((uint)(A01 >> 32));
        d.W4 = ByteSwap((uint)A02);
        d.W5 = ByteSwap((uint)(A02 >> 32));
        d.W6 = ByteSwap((uint)A03);
        d.W7 = ByteSwap((uint)(A03 >> 32));
        return d;
    }

    /// <summary>Writes the first 32 bytes of the state (CPU).</summary>
    public readonly void Squeeze256(Span<byte> digest32)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(digest32, A00);
        BinaryPrimitives.WriteUInt64LittleEndian(digest32[8..], A01);
        BinaryPrimitives.WriteUInt64LittleEndian(digest32[16..], A02);
        BinaryPrimitives.WriteUInt64LittleEndian(digest32[24..], A03);
    }

    /// <summary>Reverses the bytes of a word; written out because kernels cannot rely on the BCL intrinsic.</summary>
    public static uint ByteSwap(uint x) =>
        (x >> 24) | ((x >> 8) & 0x0000ff00u) | ((x << 8) & 0x00ff0000u) | (x << 24);

    private static ulong LoadLane(ArrayView<byte> data, long p) =>
        data[p] | ((ulong)data[p + 1] << 8) | ((ulong)data[p + 2] << 16) | ((ulong)data[p + 3] << 24) |
        ((ulong)data[p + 4] << 32) | ((ulong)data[p + 5] << 40) | ((ulong)data[p + 6] << 48) | ((ulong)data[p + 7] << 56);

    // One lane of the final block: message bytes below `remaining`, the 0x01 domain byte at `remaining`, zeros after.
    private static ulong PadLane(ArrayView<byte> data, long p, int remaining, int lane)
    {
        int first = lane * 8;
        if (first + 8 <= remaining)
        {
            return LoadLane(data, p + first);
        }

        ulong v = 0;
        for (int k = 0; k < 8; k++)
        {
            int index = first + k;
            if (index < remaining)
            {
                v |= (ulong)data[p + index] << (8 * k);
            }
            else if (index == remaining)
            {
                v |= 1UL << (8 * k);
            }
        }

        return v;
    }
}
