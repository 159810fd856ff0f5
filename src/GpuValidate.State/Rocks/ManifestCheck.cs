using System.Buffers.Binary;
using System.Numerics;

namespace GpuValidate.State.Rocks;

/// <summary>
/// Walks the records of the store's current MANIFEST and checks each one's CRC-32C before RocksDB reads it. Some
/// damaged MANIFESTs send RocksDB's log reader into an endless loop instead of an error, so damage there must be
/// found first. The format is RocksDB's log format: 32 KiB blocks of records, each with a 7-byte header (masked
/// CRC-32C of type and payload, 16-bit length, type), blocks padded with zeros where a header no longer fits.
/// </summary>
internal static class ManifestCheck
{
    private const int BlockSize = 32 * 1024;
    private const int HeaderSize = 7;
    private const int RecyclableHeaderSize = 11;
    private const uint MaskDelta = 0xa282ead8;

    /// <summary>
    /// Null when the MANIFEST named by CURRENT reads cleanly (or cannot be located: RocksDB reports that itself),
    /// else what is wrong. A record cut short by the end of the file counts as damage too: RocksDB would drop it and
    /// open an older version without a word, and RocksDB's appends of one record are a single write that a killed
    /// process does not tear.
    /// </summary>
    public static string? Problem(string directory)
    {
        var current = Path.Combine(directory, "CURRENT");
        if (!File.Exists(current))
        {
            return null;
        }

        var name = File.ReadAllText(current).TrimEnd('\n');
        if (name.Length == 0 || name.IndexOfAny(['/', '\\', '\n', '\0']) >= 0 || !name.StartsWith("MANIFEST-", StringComparison.Ordinal))
        {
            return null;
        }

        var path = Path.Combine(directory, name);
        return File.Exists(path) ? Problem(File.ReadAllBytes(path), name) : null;
    }

    /// <summary>Checks the records of one MANIFEST's bytes; <paramref name="name"/> goes into the message.</summary>
    public static string? Problem(ReadOnlySpan<byte> data, string name)
    {
        var position = 0;
        while (position < data.Length)
        {
            var leftInBlock = BlockSize - (position % BlockSize);
            if (leftInBlock < HeaderSize)
            {
                position += leftInBlock;
                continue;
            }

            if (data.Length - position < HeaderSize)
            {
                return $"{name}: ends inside a record header at byte {position}";
            }

            var header = data.Slice(position, HeaderSize);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
            var type = header[6];
            if (type == 0 && length == 0 && BinaryPrimitives.ReadUInt32LittleEndian(header) == 0)
            {
                // Zeros: preallocated space or block padding; nothing more is written in this block.
                position += leftInBlock;
                continue;
            }

            var headerSize = type >= 5 ? RecyclableHeaderSize : HeaderSize;
            if (type > 8 || headerSize + length > leftInBlock)
            {
                return $"{name}: record at byte {position} is malformed (type {type}, length {length})";
            }

            if (position + headerSize + length > data.Length)
            {
                return $"{name}: record at byte {position} runs past the end of the file";
            }

            var crc = Crc32C(data.Slice(position + 6, headerSize - 6 + length));
            var stored = Unmask(BinaryPrimitives.ReadUInt32LittleEndian(header));
            if (crc != stored)
            {
                return $"{name}: record at byte {position} fails its checksum";
            }

            position += headerSize + length;
        }

        return null;
    }

    private static uint Unmask(uint masked)
    {
        var rotated = masked - MaskDelta;
        return (rotated >> 17) | (rotated << 15);
    }

    private static uint Crc32C(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }
}
