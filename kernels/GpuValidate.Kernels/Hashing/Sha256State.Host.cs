using System.Buffers.Binary;

namespace GpuValidate.Kernels.Hashing;

// Host-only entry points: spans cannot cross into kernels, but they feed the very same compression function.
public partial struct Sha256State
{
    /// <summary>Appends <paramref name="data"/> (CPU only).</summary>
    public void Update(ReadOnlySpan<byte> data)
    {
        int i = 0;
        while (i < data.Length && (_count & 3) != 0)
        {
            UpdateByte(data[i]);
            i++;
        }

        // Whole blocks straight from the span when the pending block is empty: no per-word switch.
        if (_count == 0)
        {
            while (data.Length - i >= 64)
            {
                var block = data.Slice(i, 64);
                Compress(
                    BinaryPrimitives.ReadUInt32BigEndian(block),
                    BinaryPrimitives.ReadUInt32BigEndian(block[4..]),
                    BinaryPrimitives.ReadUInt32BigEndian(block[8..]),
                    BinaryPrimitives.ReadUInt32BigEndian(block[12..]),
                    BinaryPrimitives.ReadUInt32BigEndian(block[16..]),
                    BinaryPrimitives.ReadUInt32BigEndian(block[20..]),
                    BinaryPrimitives.ReadUInt32BigEndian(block[24..]),
                    BinaryPrimitives.ReadUInt32BigEndian(block[28..]),
                    BinaryPrimitives.ReadUInt32BigEndian(block[32..]),
                    BinaryPrimitives.ReadUInt32BigEndian(block[36..]),
                    BinaryPrimitives.ReadUInt32BigEndian(block[40..]),
                    BinaryPrimitives.ReadUInt32BigEndian(block[44..]),
                    BinaryPrimitives.ReadUInt32BigEndian(block[48..]),
                    BinaryPrimitives.ReadUInt32BigEndian(block[52..]),
                    BinaryPrimitives.ReadUInt32BigEndian(block[56..]),
                    BinaryPrimitives.ReadUInt32BigEndian(block[60..]));
                _compressedBytes += 64;
                i += 64;
            }
        }

        while (data.Length - i >= 4)
        {
            UpdateWord(BinaryPrimitives.ReadUInt32BigEndian(data[i..]));
            i += 4;
        }

        while (i < data.Length)
        {
            UpdateByte(data[i]);
            i++;
        }
    }
}
