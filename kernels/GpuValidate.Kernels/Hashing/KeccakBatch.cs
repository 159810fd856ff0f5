using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace GpuValidate.Kernels.Hashing;

/// <summary>
/// Ethereum's Keccak-256 (pre-standard padding 0x01 ... 0x80, rate 136) over many independent messages, eight
/// (AVX-512F) or four (AVX2) at a time, one message per vector element. A single permutation costs about as much
/// per vector as the scalar one does per message, so a batch of trie nodes hashes several times faster than a loop.
/// Host only (never called from a kernel: it uses CPU intrinsics and stack buffers). Messages are grouped by block count so that a
/// group rarely runs permutations for a message that has already finished.
/// </summary>
internal static partial class KeccakBatch
{
    private const int RateBytes = 136;
    private const int RateLanes = RateBytes / 8;
    private const int StateLanes = 25;
    private const int DigestBytes = 32;
    private const int MaxWidth = 8;

    /// <summary>The path <see cref="KeccakBatchPath.Auto"/> stands for on this CPU.</summary>
    public static KeccakBatchPath BestPath { get; } =
        IsSupported(KeccakBatchPath.Vector512) ? KeccakBatchPath.Vector512
        : IsSupported(KeccakBatchPath.Vector256) ? KeccakBatchPath.Vector256
        : KeccakBatchPath.Scalar;

    /// <summary>Whether <paramref name="path"/> can run on this CPU (the scalar and automatic paths always can).</summary>
    public static bool IsSupported(KeccakBatchPath path) => path switch
    {
        KeccakBatchPath.Vector512 => Avx512F.IsSupported && Avx2.IsSupported && BitConverter.IsLittleEndian,
        KeccakBatchPath.Vector256 => Avx2.IsSupported && BitConverter.IsLittleEndian,
        _ => true,
    };

    /// <summary>
    /// Writes Keccak-256 of each consecutive <paramref name="messageLength"/>-byte message of <paramref name="data"/>
    /// (addresses, public keys) to <paramref name="digests32"/>, 32 bytes per message.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="data"/> is not a whole number of messages, or as for
    /// <see cref="Hash(ReadOnlySpan{byte}, ReadOnlySpan{int}, ReadOnlySpan{int}, Span{byte}, KeccakBatchPath)"/>.</exception>
    public static void HashEach(ReadOnlySpan<byte> data, int messageLength, Span<byte> digests32, KeccakBatchPath path = KeccakBatchPath.Auto)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(messageLength);
        if (data.Length % messageLength != 0)
        {
            throw new ArgumentException($"{data.Length} bytes are not a whole number of {messageLength}-byte messages", nameof(data));
        }

        var count = data.Length / messageLength;
        int[]? rented = null;
        Span<int> layout = count <= 256 ? stackalloc int[2 * count] : (rented = ArrayPool<int>.Shared.Rent(2 * count));
        var offsets = layout[..count];
        var lengths = layout.Slice(count, count);
        for (var i = 0; i < count; i++)
        {
            offsets[i] = i * messageLength;
        }

        lengths.Fill(messageLength);
        Hash(data, offsets, lengths, digests32, path);
        if (rented is not null)
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Writes Keccak-256 of message <c>i</c> (<paramref name="lengths"/>[i] bytes of <paramref name="data"/> from
    /// <paramref name="offsets"/>[i]) to bytes <c>32 i</c> to <c>32 i + 31</c> of <paramref name="digests32"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The spans disagree in count, a message lies outside
    /// <paramref name="data"/>, or <paramref name="path"/> is not supported here.</exception>
    public static void Hash(
        ReadOnlySpan<byte> data,
        ReadOnlySpan<int> offsets,
        ReadOnlySpan<int> lengths,
        Span<byte> digests32,
        KeccakBatchPath path = KeccakBatchPath.Auto)
    {
        var count = offsets.Length;
        if (lengths.Length != count)
        {
            throw new ArgumentException("one length per offset", nameof(lengths));
        }

        if (digests32.Length < count * DigestBytes)
        {
            throw new ArgumentException("32 bytes of digest per message", nameof(digests32));
        }

        var minBlocks = int.MaxValue;
        var maxBlocks = 0;
        for (var i = 0; i < count; i++)
        {
            if (offsets[i] < 0 || lengths[i] < 0 || offsets[i] > data.Length - lengths[i])
            {
                throw new ArgumentException($"message {i} lies outside the data", nameof(offsets));
            }

            var blocks = Blocks(lengths[i]);
            minBlocks = Math.Min(minBlocks, blocks);
            maxBlocks = Math.Max(maxBlocks, blocks);
        }

        if (path == KeccakBatchPath.Auto)
        {
            path = BestPath;
        }
        else if (!IsSupported(path))
        {
            throw new ArgumentException($"{path} is not supported on this CPU", nameof(path));
        }

        if (path == KeccakBatchPath.Scalar || count == 1)
        {
            for (var i = 0; i < count; i++)
            {
                Keccak256.ComputeHash(data.Slice(offsets[i], lengths[i]), digests32.Slice(i * DigestBytes, DigestBytes));
            }

            return;
        }

        // Group messages of equal block count: sort the indices by it unless they already agree.
        int[]? rented = null;
        Span<int> order = count <= 256 ? stackalloc int[2 * count] : (rented = ArrayPool<int>.Shared.Rent(2 * count));
        order = order[..(2 * count)];
        var indices = order[..count];
        for (var i = 0; i < count; i++)
        {
            indices[i] = i;
        }

        if (minBlocks != maxBlocks)
        {
            var keys = order[count..];
            for (var i = 0; i < count; i++)
            {
                keys[i] = Blocks(lengths[i]);
            }

            keys.Sort(indices);
        }

        Span<ulong> state = stackalloc ulong[StateLanes * MaxWidth];
        var next = 0;
        while (next < count)
        {
            var remaining = count - next;
            int width;
            if (path == KeccakBatchPath.Vector512 && remaining > 4)
            {
                width = 8;
            }
            else if (remaining > 1)
            {
                width = 4;
            }
            else
            {
                var only = indices[next];
                Keccak256.ComputeHash(data.Slice(offsets[only], lengths[only]), digests32.Slice(only * DigestBytes, DigestBytes));
                break;
            }

            var members = indices.Slice(next, Math.Min(width, remaining));
            HashGroup(data, offsets, lengths, members, width, state[..(StateLanes * width)], digests32);
            next += members.Length;
        }

        if (rented is not null)
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    // Keccak absorbs whole blocks and always one more holding the padding (at least one byte of it).
    private static int Blocks(int length) => (length / RateBytes) + 1;

    /// <summary>
    /// Hashes the messages <paramref name="members"/> (at most <paramref name="width"/>) side by side in
    /// <paramref name="state"/>, lane i of element k at <c>state[i * width + k]</c>; unused elements absorb nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void HashGroup(
        ReadOnlySpan<byte> data,
        ReadOnlySpan<int> offsets,
        ReadOnlySpan<int> lengths,
        ReadOnlySpan<int> members,
        int width,
        Span<ulong> state,
        Span<byte> digests32)
    {
        Debug.Assert(members.Length <= width && state.Length == StateLanes * width, "group fits the state");
        state.Clear();
        var blocks = 0;
        foreach (var member in members)
        {
            blocks = Math.Max(blocks, Blocks(lengths[member]));
        }

        for (var block = 0; block < blocks; block++)
        {
            for (var k = 0; k < members.Length; k++)
            {
                var member = members[k];
                var length = lengths[member];
                var finalBlock = Blocks(length) - 1;
                if (block > finalBlock)
                {
                    continue;
                }

                // Little-endian only (the vector paths require it): a lane is eight message bytes read as one word.
                var start = offsets[member] + (block * RateBytes);
                if (block < finalBlock)
                {
                    var words = MemoryMarshal.Cast<byte, ulong>(data.Slice(start, RateBytes));
                    for (var lane = 0; lane < RateLanes; lane++)
                    {
                        state[(lane * width) + k] ^= words[lane];
                    }

                    continue;
                }

                // The final block: the tail's whole words, then the word holding its last bytes and the 0x01, then
                // the 0x80 that ends the block; the lanes in between absorb zeros and are left alone.
                var tail = data.Slice(start, length - (block * RateBytes));
                var whole = tail.Length / 8;
                var tailWords = MemoryMarshal.Cast<byte, ulong>(tail[..(whole * 8)]);
                for (var lane = 0; lane < whole; lane++)
                {
                    state[(lane * width) + k] ^= tailWords[lane];
                }

                ulong partial = 0x01UL << (8 * (tail.Length % 8));
                var rest = tail[(whole * 8)..];
                for (var b = 0; b < rest.Length; b++)
                {
                    partial |= (ulong)rest[b] << (8 * b);
                }

                state[(whole * width) + k] ^= partial;
                state[((RateLanes - 1) * width) + k] ^= 0x80UL << 56;
            }

            if (width == 8)
            {
                Permute512(state);
            }
            else
            {
                Permute256(state);
            }

            for (var k = 0; k < members.Length; k++)
            {
                var member = members[k];
                if (Blocks(lengths[member]) - 1 != block)
                {
                    continue;
                }

                var digest = MemoryMarshal.Cast<byte, ulong>(digests32.Slice(member * DigestBytes, DigestBytes));
                for (var lane = 0; lane < DigestBytes / 8; lane++)
                {
                    digest[lane] = state[(lane * width) + k];
                }
            }
        }
    }
}
