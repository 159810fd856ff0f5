using System.Buffers.Binary;
using System.Security.Cryptography;
using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.State.Rocks;

/// <summary>
/// A small file beside the database recording the head (block number and root) at creation and at each clean close.
/// RocksDB treats a truncated MANIFEST or log like the tail of a crash and silently opens an older state; the head
/// file catches that, because a store can only move forward: the database must be at or after the recorded head.
/// Contents: 8-byte big-endian block number, 32-byte root, then SHA-256 of those 40 bytes.
/// </summary>
internal static class HeadFile
{
    public const string Name = "GPUVALIDATE-HEAD";
    private const int PayloadSize = 8 + Hash256.Size;

    public static void Write(string directory, long blockNumber, Hash256 root)
    {
        var bytes = new byte[PayloadSize + 32];
        BinaryPrimitives.WriteInt64BigEndian(bytes, blockNumber);
        root.WriteTo(bytes.AsSpan(8));
        SHA256.HashData(bytes.AsSpan(0, PayloadSize), bytes.AsSpan(PayloadSize));

        var path = Path.Combine(directory, Name);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static bool TryRead(string directory, out long blockNumber, out Hash256 root)
    {
        blockNumber = 0;
        root = default;
        var path = Path.Combine(directory, Name);
        if (!File.Exists(path))
        {
            return false;
        }

        var bytes = File.ReadAllBytes(path);
        Span<byte> digest = stackalloc byte[32];
        if (bytes.Length != PayloadSize + 32)
        {
            return false;
        }

        SHA256.HashData(bytes.AsSpan(0, PayloadSize), digest);
        if (!digest.SequenceEqual(bytes.AsSpan(PayloadSize)))
        {
            return false;
        }

        blockNumber = BinaryPrimitives.ReadInt64BigEndian(bytes);
        root = new Hash256(bytes.AsSpan(8, Hash256.Size));
        return true;
    }
}
