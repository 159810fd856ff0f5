using ILGPU;
using ILGPU.Runtime;

namespace GpuValidate.Kernels.Hashing;

/// <summary>
/// Batch hashing on an ILGPU accelerator: one thread per message, messages laid out as one flat byte buffer
/// plus per-message offsets and lengths. Each kernel is compiled once per instance on first use; device buffers
/// only grow and are reused across calls, so a steady batch size allocates nothing on the device.
/// </summary>
/// <remarks>
/// Calls on one instance are serialised (they share the device buffers and the stream); give each worker its
/// own instance to overlap batches. The accelerator stays owned by the caller.
/// </remarks>
public sealed class HashKernels : IDisposable
{
    private const int DigestBytes = 32;

    private readonly Accelerator _accelerator;
    private readonly AcceleratorStream _stream;
    private readonly Lock _gate = new();

    private Action<AcceleratorStream, Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<int>, ArrayView<byte>>? _keccakKernel;
    private Action<AcceleratorStream, Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<int>, ArrayView<byte>>? _sha256Kernel;
    private Action<AcceleratorStream, Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<int>, ArrayView<byte>>? _doubleSha256Kernel;
    private Action<AcceleratorStream, Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<int>, ArrayView<byte>, Digest256>? _taggedKernel;

    private MemoryBuffer1D<byte, Stride1D.Dense>? _dataBuffer;
    private MemoryBuffer1D<int, Stride1D.Dense>? _offsetBuffer;
    private MemoryBuffer1D<int, Stride1D.Dense>? _lengthBuffer;
    private MemoryBuffer1D<byte, Stride1D.Dense>? _digestBuffer;
    private bool _disposed;

    /// <summary>Prepares batch hashing on <paramref name="accelerator"/>, which the caller keeps owning.</summary>
    public HashKernels(Accelerator accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        _accelerator = accelerator;
        _stream = _accelerator.CreateStream();
    }

    /// <summary>The accelerator the kernels run on.</summary>
    public Accelerator Accelerator => _accelerator;

    /// <summary>
    /// Keccak-256 of each message <c>data[offsets[i] .. offsets[i] + lengths[i])</c>, written to
    /// <c>digests[32 i .. 32 i + 32)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The spans disagree in length or a message lies outside <paramref name="data"/>.</exception>
    public void Keccak256(ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<byte> digests)
    {
        Validate(data, offsets, lengths, digests);
        lock (_gate)
        {
            ThrowIfDisposed();
            _keccakKernel ??= _accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<int>, ArrayView<byte>>(KeccakKernel);
            var (d, o, l, g) = Upload(data, offsets, lengths);
            if (offsets.Length > 0)
            {
                _keccakKernel(_stream, offsets.Length, d, o, l, g);
            }

            Download(digests);
        }
    }

    /// <summary>SHA-256 of each message; layout as for <see cref="Keccak256"/>.</summary>
    /// <exception cref="ArgumentException">The spans disagree in length or a message lies outside <paramref name="data"/>.</exception>
    public void Sha256(ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<byte> digests)
    {
        Validate(data, offsets, lengths, digests);
        lock (_gate)
        {
            ThrowIfDisposed();
            _sha256Kernel ??= _accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<int>, ArrayView<byte>>(Sha256Kernel);
            var (d, o, l, g) = Upload(data, offsets, lengths);
            if (offsets.Length > 0)
            {
                _sha256Kernel(_stream, offsets.Length, d, o, l, g);
            }

            Download(digests);
        }
    }

    /// <summary>SHA256(SHA256(message)) of each message; layout as for <see cref="Keccak256"/>.</summary>
    /// <exception cref="ArgumentException">The spans disagree in length or a message lies outside <paramref name="data"/>.</exception>
    public void DoubleSha256(ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<byte> digests)
    {
        Validate(data, offsets, lengths, digests);
        lock (_gate)
        {
            ThrowIfDisposed();
            _doubleSha256Kernel ??= _accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<int>, ArrayView<byte>>(DoubleSha256Kernel);
            var (d, o, l, g) = Upload(data, offsets, lengths);
            if (offsets.Length > 0)
            {
                _doubleSha256Kernel(_stream, offsets.Length, d, o, l, g);
            }

            Download(digests);
        }
    }

    /// <summary>BIP-340 tagged hash SHA256(SHA256(tag) || SHA256(tag) || message) of each message under one tag.</summary>
    /// <exception cref="ArgumentException">The spans disagree in length or a message lies outside <paramref name="data"/>.</exception>
    public void TaggedHash(string tag, ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<byte> digests)
    {
        ArgumentNullException.ThrowIfNull(tag);
        Validate(data, offsets, lengths, digests);
        var tagDigest = Hashing.TaggedHash.TagDigest(tag);
        lock (_gate)
        {
            ThrowIfDisposed();
            _taggedKernel ??= _accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<byte>, ArrayView<int>, ArrayView<int>, ArrayView<byte>, Digest256>(TaggedHashKernel);
            var (d, o, l, g) = Upload(data, offsets, lengths);
            if (offsets.Length > 0)
            {
                _taggedKernel(_stream, offsets.Length, d, o, l, g, tagDigest);
            }

            Download(digests);
        }
    }

    /// <summary>Releases the _stream and device buffers (not the accelerator). Safe to call more than once.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _dataBuffer?.Dispose();
            _offsetBuffer?.Dispose();
            _lengthBuffer?.Dispose();
            _digestBuffer?.Dispose();
            _stream.Dispose();
        }
    }

    internal static void KeccakKernel(Index1D index, ArrayView<byte> data, ArrayView<int> offsets, ArrayView<int> lengths, ArrayView<byte> digests) =>
        Hashing.Keccak256.Hash(data, offsets[index], lengths[index]).Store(digests, index.X * (long)DigestBytes);

    internal static void Sha256Kernel(Index1D index, ArrayView<byte> data, ArrayView<int> offsets, ArrayView<int> lengths, ArrayView<byte> digests) =>
        Hashing.Sha256.Hash(data, offsets[index], lengths[index]).Store(digests, index.X * (long)DigestBytes);

    internal static void DoubleSha256Kernel(Index1D index, ArrayView<byte> data, ArrayView<int> offsets, ArrayView<int> lengths, ArrayView<byte> digests) =>
        Hashing.DoubleSha256.Hash(data, offsets[index], lengths[index]).Store(digests, index.X * (long)DigestBytes);

    internal static void TaggedHashKernel(Index1D index, ArrayView<byte> data, ArrayView<int> offsets, ArrayView<int> lengths, ArrayView<byte> digests, Digest256 tagDigest) =>
        Hashing.TaggedHash.Hash(tagDigest, data, offsets[index], lengths[index]).Store(digests, index.X * (long)DigestBytes);

    // Caller mistakes are caught here, before anything reaches the device: kernels do no bounds checks of their own.
    private static void Validate(ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<byte> digests)
    {
        if (offsets.Length != lengths.Length)
        {
            throw new ArgumentException($"{offsets.Length} offsets but {lengths.Length} lengths", nameof(lengths));
        }

        if (digests.Length != (long)offsets.Length * DigestBytes)
        {
            throw new ArgumentException($"{offsets.Length} messages need {(long)offsets.Length * DigestBytes} digest bytes, got {digests.Length}", nameof(digests));
        }

        for (int i = 0; i < offsets.Length; i++)
        {
            int offset = offsets[i];
            int length = lengths[i];
            if (offset < 0 || length < 0 || (long)offset + length > data.Length)
            {
                throw new ArgumentException($"message {i} (offset {offset}, length {length}) lies outside the {data.Length} data bytes", nameof(offsets));
            }
        }
    }

    private (ArrayView<byte> Data, ArrayView<int> Offsets, ArrayView<int> Lengths, ArrayView<byte> Digests) Upload(
        ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths)
    {
        int count = offsets.Length;

        // At least one element each: an all-empty batch still gets valid (unread) views.
        var d = EnsureCapacity(ref _dataBuffer, Math.Max(data.Length, 1));
        var o = EnsureCapacity(ref _offsetBuffer, Math.Max(count, 1));
        var l = EnsureCapacity(ref _lengthBuffer, Math.Max(count, 1));
        var g = EnsureCapacity(ref _digestBuffer, Math.Max(count * DigestBytes, 1));

        if (data.Length > 0)
        {
            d.View.SubView(0, data.Length).CopyFromCPU(_stream, data);
        }

        if (count > 0)
        {
            o.View.SubView(0, count).CopyFromCPU(_stream, offsets);
            l.View.SubView(0, count).CopyFromCPU(_stream, lengths);
        }

        return (d.View.AsContiguous(), o.View.AsContiguous(), l.View.AsContiguous(), g.View.AsContiguous());
    }

    private void Download(Span<byte> digests)
    {
        if (digests.Length > 0)
        {
            _digestBuffer!.View.SubView(0, digests.Length).CopyToCPU(_stream, digests);
        }

        _stream.Synchronize();
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
