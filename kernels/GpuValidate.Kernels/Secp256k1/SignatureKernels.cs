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
/// construction; device buffers only grow. Calls on one instance are serialised on its own stream; give each
/// worker its own instance to overlap batches. The accelerator stays owned by the caller.
/// </remarks>
public sealed class SignatureKernels : IDisposable
{
    private readonly Accelerator _accelerator;
    private readonly AcceleratorStream _stream;
    private readonly MemoryBuffer1D<uint, Stride1D.Dense> _table;
    private readonly Digest256 _challengeMidstate = ChallengeHash.Midstate(TaggedHash.TagDigest(Schnorr.ChallengeTag));
    private readonly Lock _gate = new();

    private Action<AcceleratorStream, Index1D, ArrayView<byte>, ArrayView<byte>, ArrayView<byte>, ArrayView<byte>, ArrayView<uint>, ArrayView<byte>, int>? _ecdsaKernel;
    private Action<AcceleratorStream, Index1D, ArrayView<byte>, ArrayView<byte>, ArrayView<byte>, ArrayView<int>, ArrayView<int>, ArrayView<uint>, ArrayView<byte>, Digest256>? _schnorrKernel;
    private Action<AcceleratorStream, Index1D, ArrayView<byte>, ArrayView<byte>, ArrayView<uint>, ArrayView<byte>, ArrayView<byte>, ArrayView<byte>>? _recoverKernel;
    private Action<AcceleratorStream, Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<int>, ArrayView<byte>, ArrayView<uint>, ArrayView<byte>, ArrayView<byte>, ArrayView<byte>>? _sendersKernel;

    private MemoryBuffer1D<byte, Stride1D.Dense>? _in0;
    private MemoryBuffer1D<byte, Stride1D.Dense>? _in1;
    private MemoryBuffer1D<byte, Stride1D.Dense>? _in2;
    private MemoryBuffer1D<byte, Stride1D.Dense>? _in3;
    private MemoryBuffer1D<int, Stride1D.Dense>? _offsets;
    private MemoryBuffer1D<int, Stride1D.Dense>? _lengths;
    private MemoryBuffer1D<byte, Stride1D.Dense>? _out0;
    private MemoryBuffer1D<byte, Stride1D.Dense>? _out1;
    private MemoryBuffer1D<byte, Stride1D.Dense>? _status;
    private bool _disposed;

    /// <summary>Prepares signature work on <paramref name="accelerator"/> and uploads the table of multiples of G.</summary>
    public SignatureKernels(Accelerator accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        _accelerator = accelerator;
        _stream = accelerator.CreateStream();
        _table = accelerator.Allocate1D<uint>(GeneratorTable.Length);
        _table.View.CopyFromCPU(_stream, GeneratorTable.Limbs);
        _stream.Synchronize();
    }

    /// <summary>The accelerator the kernels run on.</summary>
    public Accelerator Accelerator => _accelerator;

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
            ThrowIfDisposed();
            _ecdsaKernel ??= _accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<byte>, ArrayView<byte>, ArrayView<byte>, ArrayView<byte>, ArrayView<uint>, ArrayView<byte>, int>(
                SignatureKernelBodies.VerifyEcdsa);
            var d = Upload(ref _in0, digests);
            var s = Upload(ref _in1, signatures);
            var k = Upload(ref _in2, publicKeys);
            var l = Upload(ref _in3, publicKeyLengths);
            var st = Output(ref _status, count);
            _ecdsaKernel(_stream, count, d, s, k, l, _table.View, st, requireLowS ? 1 : 0);
            Download(st, status);
            _stream.Synchronize();
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
            ThrowIfDisposed();
            _schnorrKernel ??= _accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<byte>, ArrayView<byte>, ArrayView<byte>, ArrayView<int>, ArrayView<int>, ArrayView<uint>, ArrayView<byte>, Digest256>(
                SignatureKernelBodies.VerifySchnorr);
            var k = Upload(ref _in0, publicKeys);
            var s = Upload(ref _in1, signatures);
            var m = Upload(ref _in2, messages);
            var o = Upload(ref _offsets, offsets);
            var l = Upload(ref _lengths, lengths);
            var st = Output(ref _status, count);
            _schnorrKernel(_stream, count, k, s, m, o, l, _table.View, st, _challengeMidstate);
            Download(st, status);
            _stream.Synchronize();
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
            ThrowIfDisposed();
            _recoverKernel ??= _accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<byte>, ArrayView<byte>, ArrayView<uint>, ArrayView<byte>, ArrayView<byte>, ArrayView<byte>>(
                SignatureKernelBodies.Recover);
            var d = Upload(ref _in0, digests);
            var s = Upload(ref _in1, signatures);
            var k = Output(ref _out0, publicKeys.Length);
            var a = Output(ref _out1, addresses.Length);
            var st = Output(ref _status, count);
            _recoverKernel(_stream, count, d, s, _table.View, k, a, st);
            Download(k, publicKeys);
            Download(a, addresses);
            Download(st, status);
            _stream.Synchronize();
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
            ThrowIfDisposed();
            _sendersKernel ??= _accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<int>, ArrayView<byte>, ArrayView<uint>, ArrayView<byte>, ArrayView<byte>, ArrayView<byte>>(
                SignatureKernelBodies.RecoverSenders);
            var p = Upload(ref _in0, payloads);
            var o = Upload(ref _offsets, offsets);
            var l = Upload(ref _lengths, lengths);
            var s = Upload(ref _in1, signatures);
            var h = Output(ref _out0, signingHashes.Length);
            var a = Output(ref _out1, addresses.Length);
            var st = Output(ref _status, count);
            _sendersKernel(_stream, count, p, o, l, s, _table.View, h, a, st);
            Download(h, signingHashes);
            Download(a, addresses);
            Download(st, status);
            _stream.Synchronize();
        }
    }

    /// <summary>Releases the stream, the table and the device buffers (not the accelerator). Safe to call more than once.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _in0?.Dispose();
            _in1?.Dispose();
            _in2?.Dispose();
            _in3?.Dispose();
            _offsets?.Dispose();
            _lengths?.Dispose();
            _out0?.Dispose();
            _out1?.Dispose();
            _status?.Dispose();
            _table.Dispose();
            _stream.Dispose();
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

    private ArrayView<T> Upload<T>(ref MemoryBuffer1D<T, Stride1D.Dense>? buffer, ReadOnlySpan<T> data)
        where T : unmanaged
    {
        // At least one element: an all-empty message buffer still gets a valid (unread) view.
        var view = EnsureCapacity(ref buffer, Math.Max(data.Length, 1)).View;
        if (data.Length > 0)
        {
            view.SubView(0, data.Length).CopyFromCPU(_stream, data);
        }

        return view;
    }

    private ArrayView<byte> Output(ref MemoryBuffer1D<byte, Stride1D.Dense>? buffer, int length) =>
        EnsureCapacity(ref buffer, Math.Max(length, 1)).View;

    private void Download(ArrayView<byte> view, Span<byte> target)
    {
        if (target.Length > 0)
        {
            view.SubView(0, target.Length).CopyToCPU(_stream, target);
        }
    }

    // Grow-only: reallocate (doubling) only when a batch outgrows the buffer.
    private MemoryBuffer1D<T, Stride1D.Dense> EnsureCapacity<T>(ref MemoryBuffer1D<T, Stride1D.Dense>? buffer, long needed)
        where T : unmanaged
    {
        if (buffer is null || buffer.Length < needed)
        {
            long capacity = buffer is null ? needed : Math.Max(needed, buffer.Length * 2);
            buffer?.Dispose();
            buffer = _accelerator.Allocate1D<T>(capacity);
        }

        return buffer;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
