using GpuValidate.Engine.Encoding;

namespace GpuValidate.Engine.Backends.Cpu;

/// <summary>
/// A CPU backend: one library (<see cref="ICpuWorker"/> per thread) spread over the cores by a
/// <see cref="CpuWorkerPool"/>. Items are checked by <see cref="ItemChecks"/> first, so reason codes do not
/// depend on the library. The spans are pinned for the duration of a call and read through pointers on the
/// worker threads (spans cannot cross threads); nothing is allocated per item.
/// </summary>
internal sealed unsafe class CpuEngine : ISignatureEngine
{
    private readonly CpuWorkerPool _pool;

    public CpuEngine(BackendKind kind, Func<ICpuWorker> factory, int threads)
    {
        Kind = kind;
        _pool = new CpuWorkerPool(factory, threads);
        Description = $"{kind.ToName()} ({threads} thread{(threads == 1 ? string.Empty : "s")})";
    }

    public BackendKind Kind { get; }

    public string Description { get; }

    public int Threads => _pool.Threads;

    /// <summary>libsecp256k1 over <paramref name="threads"/> threads (all cores when 0).</summary>
    public static CpuEngine CreateNative(int threads = 0) =>
        new(BackendKind.Native, static () => new NativeWorker(), ResolveThreads(threads));

    /// <summary>NBitcoin.Secp256k1 over <paramref name="threads"/> threads (all cores when 0).</summary>
    public static CpuEngine CreateManaged(int threads = 0) =>
        new(BackendKind.Managed, static () => new ManagedWorker(), ResolveThreads(threads));

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
        fixed (byte* d = digests, s = signatures, k = publicKeys, kl = publicKeyLengths)
        fixed (SignatureError* r = results)
        {
            nint pd = (nint)d, ps = (nint)s, pk = (nint)k, pkl = (nint)kl, pr = (nint)r;
            _pool.Run(count, (worker, start, end) =>
            {
                Span<byte> lowS = stackalloc byte[64];
                for (var i = start; i < end; i++)
                {
                    var rs = new ReadOnlySpan<byte>((byte*)ps + (64L * i), 64);
                    // A length past the 65-byte slot is no SEC1 key: an empty span makes it bad-pubkey, as on the GPU.
                    var length = ((byte*)pkl)[i];
                    var key = new ReadOnlySpan<byte>((byte*)pk + (65L * i), length <= 65 ? length : 0);
                    var error = ItemChecks.Ecdsa(rs, key, requireLowS, out var high);
                    if (error == SignatureError.None)
                    {
                        rs.CopyTo(lowS);
                        if (high)
                        {
                            // libsecp256k1 verifies low-S only; where high S is allowed, verify its twin n - s.
                            CurveBytes.NegateModOrder(rs.Slice(32, 32), lowS.Slice(32, 32));
                        }

                        error = worker.VerifyEcdsa(new ReadOnlySpan<byte>((byte*)pd + (32L * i), 32), lowS, key);
                    }

                    ((SignatureError*)pr)[i] = error;
                }
            });
        }
    }

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
        fixed (byte* k = publicKeys, s = signatures, m = messages)
        fixed (int* o = offsets, l = lengths)
        fixed (SignatureError* r = results)
        {
            nint pk = (nint)k, ps = (nint)s, pm = (nint)m, po = (nint)o, pl = (nint)l, pr = (nint)r;
            _pool.Run(count, (worker, start, end) =>
            {
                for (var i = start; i < end; i++)
                {
                    var signature = new ReadOnlySpan<byte>((byte*)ps + (64L * i), 64);
                    var error = ItemChecks.Schnorr(signature);
                    if (error == SignatureError.None)
                    {
                        var message = new ReadOnlySpan<byte>((byte*)pm + ((int*)po)[i], ((int*)pl)[i]);
                        error = worker.VerifySchnorr(new ReadOnlySpan<byte>((byte*)pk + (32L * i), 32), signature, message);
                    }

                    ((SignatureError*)pr)[i] = error;
                }
            });
        }
    }

    public void Recover(
        ReadOnlySpan<byte> digests,
        ReadOnlySpan<byte> signatures,
        Span<byte> publicKeys,
        Span<byte> addresses,
        Span<SignatureError> results)
    {
        var count = results.Length;
        BatchShape.Recover(digests, signatures, publicKeys, addresses, count);
        fixed (byte* d = digests, s = signatures, k = publicKeys, a = addresses)
        fixed (SignatureError* r = results)
        {
            nint pd = (nint)d, ps = (nint)s, pk = (nint)k, pa = (nint)a, pr = (nint)r;
            _pool.Run(count, (worker, start, end) =>
            {
                for (var i = start; i < end; i++)
                {
                    ((SignatureError*)pr)[i] = RecoverOne(
                        worker,
                        new ReadOnlySpan<byte>((byte*)pd + (32L * i), 32),
                        new ReadOnlySpan<byte>((byte*)ps + (65L * i), 65),
                        new Span<byte>((byte*)pk + (64L * i), 64),
                        new Span<byte>((byte*)pa + (20L * i), 20));
                }
            });
        }
    }

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
        fixed (byte* p = payloads, s = signatures, h = signingHashes, a = addresses)
        fixed (int* o = offsets, l = lengths)
        fixed (SignatureError* r = results)
        {
            nint pp = (nint)p, po = (nint)o, pl = (nint)l, ps = (nint)s, ph = (nint)h, pa = (nint)a, pr = (nint)r;
            _pool.Run(count, (worker, start, end) =>
            {
                Span<byte> publicKey = stackalloc byte[64];
                for (var i = start; i < end; i++)
                {
                    var hash = new Span<byte>((byte*)ph + (32L * i), 32);
                    worker.Keccak256(new ReadOnlySpan<byte>((byte*)pp + ((int*)po)[i], ((int*)pl)[i]), hash);
                    ((SignatureError*)pr)[i] = RecoverOne(
                        worker,
                        hash,
                        new ReadOnlySpan<byte>((byte*)ps + (65L * i), 65),
                        publicKey,
                        new Span<byte>((byte*)pa + (20L * i), 20));
                }
            });
        }
    }

    public void Keccak256(ReadOnlySpan<byte> messages, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<byte> digests)
    {
        var count = offsets.Length;
        BatchShape.Keccak(messages, offsets, lengths, digests, count);
        fixed (byte* m = messages, d = digests)
        fixed (int* o = offsets, l = lengths)
        {
            nint pm = (nint)m, pd = (nint)d, po = (nint)o, pl = (nint)l;
            _pool.Run(count, (worker, start, end) =>
            {
                for (var i = start; i < end; i++)
                {
                    worker.Keccak256(
                        new ReadOnlySpan<byte>((byte*)pm + ((int*)po)[i], ((int*)pl)[i]),
                        new Span<byte>((byte*)pd + (32L * i), 32));
                }
            });
        }
    }

    public void Dispose() => _pool.Dispose();

    internal static int ResolveThreads(int threads) => threads > 0 ? threads : Environment.ProcessorCount;

    private static SignatureError RecoverOne(
        ICpuWorker worker,
        ReadOnlySpan<byte> digest,
        ReadOnlySpan<byte> signature,
        Span<byte> publicKey,
        Span<byte> address)
    {
        var error = ItemChecks.Recover(signature);
        if (error == SignatureError.None)
        {
            error = worker.Recover(digest, signature[..64], signature[64], publicKey);
        }

        if (error != SignatureError.None)
        {
            publicKey.Clear();
            address.Clear();
            return error;
        }

        // The address is the last 20 bytes of Keccak-256 over the 64-byte x||y.
        Span<byte> hash = stackalloc byte[32];
        worker.Keccak256(publicKey, hash);
        hash[12..].CopyTo(address);
        return SignatureError.None;
    }
}
