using System.Runtime.InteropServices;
using GpuValidate.Kernels.Hashing;
using GpuValidate.Kernels.Secp256k1;
using ILGPU;
using ILGPU.Runtime;

namespace GpuValidate.Engine.Backends.Ilgpu;

/// <summary>
/// The ILGPU kernels on one accelerator (CUDA, OpenCL, or ILGPU's CPU accelerator for tests). One context,
/// accelerator, <see cref="SignatureKernels"/> and <see cref="HashKernels"/> per engine, created once; calls are
/// serialised per kernel set, so the engine is thread-safe. Driver faults and out-of-memory propagate as
/// exceptions, which the hybrid engine turns into a CPU fallback.
/// </summary>
public sealed class IlgpuEngine : ISignatureEngine
{
    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly SignatureKernels _signatures;
    private readonly HashKernels _hashes;
    private int _disposed;

    private IlgpuEngine(Context context, Accelerator accelerator, BackendKind kind)
    {
        _context = context;
        _accelerator = accelerator;
        Kind = kind;
        try
        {
            _signatures = new SignatureKernels(accelerator);
            _hashes = new HashKernels(accelerator);
        }
        catch
        {
            _signatures?.Dispose();
            accelerator.Dispose();
            context.Dispose();
            throw;
        }

        var inlining = context.Properties.InliningMode == InliningMode.Default ? "" : $", inlining {IlgpuInlining.Name(context.Properties.InliningMode)}";
        Description = kind == BackendKind.IlgpuCpu
            ? $"ilgpu-cpu ({accelerator.Name}{inlining}, slow: for tests)"
            : $"{kind.ToName()} ({accelerator.Name}{inlining})";
    }

    /// <summary>The backend this engine runs.</summary>
    public BackendKind Kind { get; }

    /// <inheritdoc/>
    public string Description { get; }

    /// <summary>
    /// An engine on the device at <paramref name="index"/> in ILGPU's enumeration (<see cref="DeviceInfo.Index"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No device has that index.</exception>
    /// <exception cref="InvalidOperationException"><see cref="IlgpuInlining.Variable"/> names no inlining mode.</exception>
    public static IlgpuEngine Create(BackendKind kind, int index)
    {
        var inlining = IlgpuInlining.FromEnvironment();
        var context = Context.Create(builder => builder.AllAccelerators().Inlining(inlining));
        try
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, context.Devices.Length);
            var accelerator = context.Devices[index].CreateAccelerator(context);
            return new IlgpuEngine(context, accelerator, kind);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void VerifyEcdsa(
        ReadOnlySpan<byte> digests,
        ReadOnlySpan<byte> signatures,
        ReadOnlySpan<byte> publicKeys,
        ReadOnlySpan<byte> publicKeyLengths,
        bool requireLowS,
        Span<SignatureError> results)
    {
        var count = results.Length;
        BatchShape.Ecdsa(digests, signatures, publicKeys, publicKeyLengths, count);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _signatures.VerifyEcdsa(
            digests[..(32 * count)],
            signatures[..(64 * count)],
            publicKeys[..(65 * count)],
            publicKeyLengths[..count],
            requireLowS,
            Status(results));
    }

    /// <inheritdoc/>
    public void VerifySchnorr(
        ReadOnlySpan<byte> publicKeys,
        ReadOnlySpan<byte> signatures,
        ReadOnlySpan<byte> messages,
        ReadOnlySpan<int> offsets,
        ReadOnlySpan<int> lengths,
        Span<SignatureError> results)
    {
        var count = results.Length;
        BatchShape.Schnorr(publicKeys, signatures, messages, offsets, lengths, count);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _signatures.VerifySchnorr(
            publicKeys[..(32 * count)],
            signatures[..(64 * count)],
            messages,
            offsets[..count],
            lengths[..count],
            Status(results));
    }

    /// <inheritdoc/>
    public void Recover(
        ReadOnlySpan<byte> digests,
        ReadOnlySpan<byte> signatures,
        Span<byte> publicKeys,
        Span<byte> addresses,
        Span<SignatureError> results)
    {
        var count = results.Length;
        BatchShape.Recover(digests, signatures, publicKeys, addresses, count);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _signatures.Recover(
            digests[..(32 * count)],
            signatures[..(65 * count)],
            publicKeys[..(64 * count)],
            addresses[..(20 * count)],
            Status(results));
    }

    /// <inheritdoc/>
    public void RecoverSenders(
        ReadOnlySpan<byte> payloads,
        ReadOnlySpan<int> offsets,
        ReadOnlySpan<int> lengths,
        ReadOnlySpan<byte> signatures,
        Span<byte> signingHashes,
        Span<byte> addresses,
        Span<SignatureError> results)
    {
        var count = results.Length;
        BatchShape.RecoverSenders(payloads, offsets, lengths, signatures, signingHashes, addresses, count);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _signatures.RecoverSenders(
            payloads,
            offsets[..count],
            lengths[..count],
            signatures[..(65 * count)],
            signingHashes[..(32 * count)],
            addresses[..(20 * count)],
            Status(results));
    }

    /// <inheritdoc/>
    public void Keccak256(ReadOnlySpan<byte> messages, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<byte> digests)
    {
        var count = offsets.Length;
        BatchShape.Keccak(messages, offsets, lengths, digests, count);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _hashes.Keccak256(messages, offsets, lengths[..count], digests[..(32 * count)]);
    }

    /// <summary>Releases the kernels, the accelerator and the context; idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _hashes.Dispose();
        _signatures.Dispose();
        _accelerator.Dispose();
        _context.Dispose();
    }

    // The kernels' status bytes are SignatureError values by construction (SignatureStatus mirrors the enum).
    private static Span<byte> Status(Span<SignatureError> results) => MemoryMarshal.AsBytes(results);
}
