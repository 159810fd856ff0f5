using GpuValidate.Kernels.Hashing;
using ILGPU;
using ILGPU.Runtime;

namespace GpuValidate.Kernels.Secp256k1;

/// <summary>
/// Batch secp256k1 signature work on an ILGPU accelerator, one thread per item over flat buffers: ECDSA verify,
/// BIP-340 verify, ecrecover, and the fused Keccak-256 / recover / address of transaction senders. Each item gets
/// a status byte whose values equal the engine's <c>SignatureError</c> (see <see cref="SignatureStatus"/>), in
/// the same check order as the CPU backends; bad items fail alone and never throw.
/// </summary>
/// <remarks>
/// Kernels compile once per instance on first use; the table of multiples of G is uploaded once, at
/// construction; device buffers and their page-locked host staging only grow. A batch larger than
/// <see cref="SignatureKernelsOptions.ChunkSize"/> is split into chunks that rotate over
/// <see cref="SignatureKernelsOptions.Streams"/> streams, so the upload of one chunk, the kernel of another and the
/// download of a third can overlap; a smaller batch is one chunk on one stream. Calls on one instance are
/// serialised; give each worker its own instance to overlap batches. The accelerator stays owned by the caller.
/// </remarks>
public sealed partial class SignatureKernels : IDisposable
{
    private readonly Accelerator _accelerator;
    private readonly Lane[] _lanes;
    private readonly int _chunkSize;
    private readonly MemoryBuffer1D<uint, Stride1D.Dense> _table;
    private readonly Digest256 _challengeMidstate = ChallengeHash.Midstate(TaggedHash.TagDigest(Schnorr.ChallengeTag));
    private readonly Lock _gate = new();

    private Action<AcceleratorStream, Index1D, ArrayView<byte>, ArrayView<byte>, ArrayView<byte>, ArrayView<byte>, ArrayView<uint>, ArrayView<byte>, int>? _ecdsaKernel;
    private Action<AcceleratorStream, Index1D, ArrayView<byte>, ArrayView<byte>, ArrayView<byte>, ArrayView<int>, ArrayView<int>, ArrayView<uint>, ArrayView<byte>, Digest256>? _schnorrKernel;
    private Action<AcceleratorStream, Index1D, ArrayView<byte>, ArrayView<byte>, ArrayView<uint>, ArrayView<byte>, ArrayView<byte>, ArrayView<byte>>? _recoverKernel;
    private Action<AcceleratorStream, Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<int>, ArrayView<byte>, ArrayView<uint>, ArrayView<byte>, ArrayView<byte>, ArrayView<byte>>? _sendersKernel;

    private bool _disposed;

    /// <summary>Prepares signature work on <paramref name="accelerator"/> with the default chunking and uploads the table of multiples of G.</summary>
    public SignatureKernels(Accelerator accelerator)
        : this(accelerator, new SignatureKernelsOptions())
    {
    }

    /// <summary>Prepares signature work on <paramref name="accelerator"/> chunked as <paramref name="options"/> say, and uploads the table of multiples of G.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The chunk size is below 1, or the stream count outside 1 to 16.</exception>
    public SignatureKernels(Accelerator accelerator, SignatureKernelsOptions options)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChunkSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Streams, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Streams, 16, nameof(options));
        _accelerator = accelerator;
        _chunkSize = options.ChunkSize;
        _lanes = new Lane[options.Streams];
        for (int i = 0; i < _lanes.Length; i++)
        {
            _lanes[i] = new Lane(accelerator);
        }

        _table = accelerator.Allocate1D<uint>(GeneratorTable.Length);
        _table.View.CopyFromCPU(_lanes[0].Stream, GeneratorTable.Limbs);
        _lanes[0].Stream.Synchronize();
    }

    /// <summary>The accelerator the kernels run on.</summary>
    public Accelerator Accelerator => _accelerator;

    /// <summary>Bytes of device buffers (and as many of page-locked staging) held now, over all streams.</summary>
    internal long BufferBytes
    {
        get
        {
            lock (_gate)
            {
                return _lanes.Sum(l => l.CapacityBytes);
            }
        }
    }

    /// <summary>
    /// ECDSA verify of item i: digest <c>digests[32 i ..]</c>, r || s <c>signatures[64 i ..]</c>, SEC1 key left-aligned in
    /// the 65-byte slot <c>publicKeys[65 i ..]</c> with its length in <c>publicKeyLengths[i]</c> (33 or 65; anything else
    /// is a bad key). With <paramref name="requireLowS"/> a high s fails as in libsecp256k1; without, it verifies.
    /// </summary>
    /// <exception cref="ArgumentException">The spans disagree with the item count <c>status.Length</c>.</exception>
    public void VerifyEcdsa(
        ReadOnlySpan<byte> digests,
        ReadOnlySpan<byte> signatures,
        ReadOnlySpan<byte> publicKeys,
        ReadOnlySpan<byte> publicKeyLengths,
        bool requireLowS,
        Span<byte> status)
    {
        int count = status.Length;
        Require(digests.Length, 32L * count, nameof(digests));
        Require(signatures.Length, 64L * count, nameof(signatures));
        Require(publicKeys.Length, 65L * count, nameof(publicKeys));
        Require(publicKeyLengths.Length, count, nameof(publicKeyLengths));
        if (count == 0)
        {
            return;
        }

        lock (_gate)
        {
            BeginCall();
            var kernel = _ecdsaKernel ??= _accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<byte>, ArrayView<byte>, ArrayView<byte>, ArrayView<byte>, ArrayView<uint>, ArrayView<byte>, int>(
                SignatureKernelBodies.VerifyEcdsa);
            for (int start = 0, chunk = 0; start < count; start += _chunkSize, chunk++)
            {
                var lane = NextLane(chunk, [], 0, [], 0, status);
                int n = Math.Min(_chunkSize, count - start);
                var stream = lane.Stream;
                var d = lane.In0.Upload(stream, digests.Slice(32 * start, 32 * n));
                var s = lane.In1.Upload(stream, signatures.Slice(64 * start, 64 * n));
                var k = lane.In2.Upload(stream, publicKeys.Slice(65 * start, 65 * n));
                var l = lane.In3.Upload(stream, publicKeyLengths.Slice(start, n));
                var st = lane.Status.Output(n);
                kernel(stream, n, d, s, k, l, _table.View, st, requireLowS ? 1 : 0);
                lane.QueueResults(start, n, 0, 0);
            }

            CollectAll([], 0, [], 0, status);
        }
    }

    /// <summary>
    /// BIP-340 verify of item i: x-only key <c>publicKeys[32 i ..]</c>, signature <c>signatures[64 i ..]</c>, message
    /// <c>messages[offsets[i] .. offsets[i] + lengths[i])</c> of any length.
    /// </summary>
    /// <exception cref="ArgumentException">The spans disagree with the item count or a message lies outside <paramref name="messages"/>.</exception>
    public void VerifySchnorr(
        ReadOnlySpan<byte> publicKeys,
        ReadOnlySpan<byte> signatures,
        ReadOnlySpan<byte> messages,
        ReadOnlySpan<int> offsets,
        ReadOnlySpan<int> lengths,
        Span<byte> status)
    {
        int count = status.Length;
        Require(publicKeys.Length, 32L * count, nameof(publicKeys));
        Require(signatures.Length, 64L * count, nameof(signatures));
        RequireRanges(offsets, lengths, messages.Length, count);
        if (count == 0)
        {
            return;
        }

        lock (_gate)
        {
            BeginCall();
            var kernel = _schnorrKernel ??= _accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<byte>, ArrayView<byte>, ArrayView<byte>, ArrayView<int>, ArrayView<int>, ArrayView<uint>, ArrayView<byte>, Digest256>(
                SignatureKernelBodies.VerifySchnorr);
            for (int start = 0, chunk = 0; start < count; start += _chunkSize, chunk++)
            {
                var lane = NextLane(chunk, [], 0, [], 0, status);
                int n = Math.Min(_chunkSize, count - start);
                var stream = lane.Stream;
                var k = lane.In0.Upload(stream, publicKeys.Slice(32 * start, 32 * n));
                var s = lane.In1.Upload(stream, signatures.Slice(64 * start, 64 * n));
                var m = UploadRanges(lane, lane.In2, messages, offsets.Slice(start, n), lengths.Slice(start, n), out var o, out var l);
                var st = lane.Status.Output(n);
                kernel(stream, n, k, s, m, o, l, _table.View, st, _challengeMidstate);
                lane.QueueResults(start, n, 0, 0);
            }

            CollectAll([], 0, [], 0, status);
        }
    }

    /// <summary>
    /// ecrecover of item i: digest <c>digests[32 i ..]</c>, r || s || recid <c>signatures[65 i ..]</c> (recid 0-3, high s
    /// accepted); writes x || y to <c>publicKeys[64 i ..]</c> and the address to <c>addresses[20 i ..]</c>, both zero on failure.
    /// </summary>
    /// <exception cref="ArgumentException">The spans disagree with the item count <c>status.Length</c>.</exception>
    public void Recover(ReadOnlySpan<byte> digests, ReadOnlySpan<byte> signatures, Span<byte> publicKeys, Span<byte> addresses, Span<byte> status)
    {
        int count = status.Length;
        Require(digests.Length, 32L * count, nameof(digests));
        Require(signatures.Length, 65L * count, nameof(signatures));
        Require(publicKeys.Length, 64L * count, nameof(publicKeys));
        Require(addresses.Length, 20L * count, nameof(addresses));
        if (count == 0)
        {
            return;
        }

        lock (_gate)
        {
            BeginCall();
            var kernel = _recoverKernel ??= _accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<byte>, ArrayView<byte>, ArrayView<uint>, ArrayView<byte>, ArrayView<byte>, ArrayView<byte>>(
                SignatureKernelBodies.Recover);
            for (int start = 0, chunk = 0; start < count; start += _chunkSize, chunk++)
            {
                var lane = NextLane(chunk, publicKeys, 64, addresses, 20, status);
                int n = Math.Min(_chunkSize, count - start);
                var stream = lane.Stream;
                var d = lane.In0.Upload(stream, digests.Slice(32 * start, 32 * n));
                var s = lane.In1.Upload(stream, signatures.Slice(65 * start, 65 * n));
                var k = lane.Out0.Output(64 * n);
                var a = lane.Out1.Output(20 * n);
                var st = lane.Status.Output(n);
                kernel(stream, n, d, s, _table.View, k, a, st);
                lane.QueueResults(start, n, 64, 20);
            }

            CollectAll(publicKeys, 64, addresses, 20, status);
        }
    }

    /// <summary>
    /// Transaction senders in one kernel per item: Keccak-256 of the signing payload
    /// <c>payloads[offsets[i] .. offsets[i] + lengths[i])</c> into <c>signingHashes[32 i ..]</c>, ecrecover over it with
    /// <c>signatures[65 i ..]</c>, and the signer's address into <c>addresses[20 i ..]</c> (zero on failure).
    /// </summary>
    /// <exception cref="ArgumentException">The spans disagree with the item count or a payload lies outside <paramref name="payloads"/>.</exception>
    public void RecoverSenders(
        ReadOnlySpan<byte> payloads,
        ReadOnlySpan<int> offsets,
        ReadOnlySpan<int> lengths,
        ReadOnlySpan<byte> signatures,
        Span<byte> signingHashes,
        Span<byte> addresses,
        Span<byte> status)
    {
        int count = status.Length;
        RequireRanges(offsets, lengths, payloads.Length, count);
        Require(signatures.Length, 65L * count, nameof(signatures));
        Require(signingHashes.Length, 32L * count, nameof(signingHashes));
        Require(addresses.Length, 20L * count, nameof(addresses));
        if (count == 0)
        {
            return;
        }

        lock (_gate)
        {
            BeginCall();
            var kernel = _sendersKernel ??= _accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<int>, ArrayView<byte>, ArrayView<uint>, ArrayView<byte>, ArrayView<byte>, ArrayView<byte>>(
                SignatureKernelBodies.RecoverSenders);
            for (int start = 0, chunk = 0; start < count; start += _chunkSize, chunk++)
            {
                var lane = NextLane(chunk, signingHashes, 32, addresses, 20, status);
                int n = Math.Min(_chunkSize, count - start);
                var stream = lane.Stream;
                var p = UploadRanges(lane, lane.In0, payloads, offsets.Slice(start, n), lengths.Slice(start, n), out var o, out var l);
                var s = lane.In1.Upload(stream, signatures.Slice(65 * start, 65 * n));
                var h = lane.Out0.Output(32 * n);
                var a = lane.Out1.Output(20 * n);
                var st = lane.Status.Output(n);
                kernel(stream, n, p, o, l, s, _table.View, h, a, st);
                lane.QueueResults(start, n, 32, 20);
            }

            CollectAll(signingHashes, 32, addresses, 20, status);
        }
    }

    /// <summary>Releases the streams, the table, the device buffers and the staging (not the accelerator). Safe to call more than once.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var lane in _lanes)
            {
                lane.Dispose();
            }

            _table.Dispose();
        }
    }

    // Caller mistakes are caught here, before anything reaches the device: kernels do no bounds checks of their own.
    private static void Require(long actual, long expected, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"expected {expected} bytes for the batch, got {actual}", name);
        }
    }

    private static void RequireRanges(ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, int dataLength, int count)
    {
        if (offsets.Length != count || lengths.Length != count)
        {
            throw new ArgumentException($"{count} items need {count} offsets and lengths, got {offsets.Length} and {lengths.Length}", nameof(offsets));
        }

        for (int i = 0; i < count; i++)
        {
            if (offsets[i] < 0 || lengths[i] < 0 || (long)offsets[i] + lengths[i] > dataLength)
            {
                throw new ArgumentException($"item {i} (offset {offsets[i]}, length {lengths[i]}) lies outside the {dataLength} data bytes", nameof(offsets));
            }
        }
    }

    // A chunk's messages are the span from its lowest to its highest byte, with offsets rebased onto it; empty
    // messages read nothing, so they take offset 0 rather than stretch the span. Items may share or reorder bytes.
    private static ArrayView<byte> UploadRanges(
        Lane lane,
        Staged<byte> data,
        ReadOnlySpan<byte> source,
        ReadOnlySpan<int> offsets,
        ReadOnlySpan<int> lengths,
        out ArrayView<int> offsetsView,
        out ArrayView<int> lengthsView)
    {
        int low = int.MaxValue;
        int high = 0;
        for (int i = 0; i < offsets.Length; i++)
        {
            if (lengths[i] > 0)
            {
                low = Math.Min(low, offsets[i]);
                high = Math.Max(high, offsets[i] + lengths[i]);
            }
        }

        if (low == int.MaxValue)
        {
            low = 0;
        }

        var rebased = lane.Offsets.Stage(offsets.Length);
        for (int i = 0; i < offsets.Length; i++)
        {
            rebased[i] = lengths[i] > 0 ? offsets[i] - low : 0;
        }

        offsetsView = lane.Offsets.Upload(lane.Stream, offsets.Length);
        lengthsView = lane.Lengths.Upload(lane.Stream, lengths);
        return data.Upload(lane.Stream, source[low..high]);
    }

    // Under the gate, before a call's first chunk. A call that failed part-way may have left chunks in flight; their
    // results belong to nobody.
    private void BeginCall()
    {
        ThrowIfDisposed();
        foreach (var lane in _lanes)
        {
            lane.Reset();
        }
    }

    // The lane for chunk number chunk, once the chunk it ran before has been collected into the caller's spans.
    private Lane NextLane(int chunk, Span<byte> out0, int width0, Span<byte> out1, int width1, Span<byte> status)
    {
        var lane = _lanes[chunk % _lanes.Length];
        lane.Collect(out0, width0, out1, width1, status);
        return lane;
    }

    // Waits for every lane and collects its last chunk.
    private void CollectAll(Span<byte> out0, int width0, Span<byte> out1, int width1, Span<byte> status)
    {
        foreach (var lane in _lanes)
        {
            lane.Collect(out0, width0, out1, width1, status);
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
