using GpuValidate.Engine.Encoding;
using GpuValidate.Kernels.Hashing;

namespace GpuValidate.Engine.Backends.Cpu;

/// <summary>
/// A CPU backend: one library (<see cref="ICpuWorker"/> per thread) spread over the cores by a
/// <see cref="CpuWorkerPool"/>. Items are checked by <see cref="ItemChecks"/> first, so reason codes do not
/// depend on the library. The spans are pinned for the duration of a call and read through pointers on the
/// worker threads (spans cannot cross threads); nothing is allocated per item. Keccak-256 runs on each worker's
/// share with <see cref="KeccakBatch"/> (eight or four messages per SIMD permutation where the CPU allows), the same
/// for every library.
/// </summary>
internal sealed unsafe class CpuEngine : ISignatureEngine
{
    /// <summary>Keys recovered per step of a worker's share: signing payloads and recovered keys are hashed a step at a time.</summary>
    private const int RecoverStep = 32;

    /// <summary>
    /// Keccak-256 items per thread before a helper is woken: batched, a thousand transaction-sized hashes take tens of
    /// microseconds, about what waking a helper costs, so a block's transaction hashes stay on the calling thread.
    /// </summary>
    private const int MinHashesPerThread = 2048;

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
                Span<byte> keyHashes = stackalloc byte[32 * RecoverStep];
                for (var first = start; first < end; first += RecoverStep)
                {
                    var n = Math.Min(RecoverStep, end - first);
                    var keys = new Span<byte>((byte*)pk + (64L * first), 64 * n);
                    for (var j = 0; j < n; j++)
                    {
                        var i = first + j;
                        ((SignatureError*)pr)[i] = RecoverKey(
                            worker, new ReadOnlySpan<byte>((byte*)pd + (32L * i), 32), new ReadOnlySpan<byte>((byte*)ps + (65L * i), 65), keys.Slice(64 * j, 64));
                    }

                    AddressesOf(keys, keyHashes, new Span<byte>((byte*)pa + (20L * first), 20 * n), new ReadOnlySpan<SignatureError>((SignatureError*)pr + first, n));
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
        var payloadLength = payloads.Length;
        fixed (byte* p = payloads, s = signatures, h = signingHashes, a = addresses)
        fixed (int* o = offsets, l = lengths)
        fixed (SignatureError* r = results)
        {
            nint pp = (nint)p, po = (nint)o, pl = (nint)l, ps = (nint)s, ph = (nint)h, pa = (nint)a, pr = (nint)r;
            _pool.Run(count, (worker, start, end) =>
            {
                var payloadSpan = new ReadOnlySpan<byte>((byte*)pp, payloadLength);
                Span<byte> publicKeys = stackalloc byte[64 * RecoverStep];
                Span<byte> keyHashes = stackalloc byte[32 * RecoverStep];
                for (var first = start; first < end; first += RecoverStep)
                {
                    var n = Math.Min(RecoverStep, end - first);
                    var hashes = new Span<byte>((byte*)ph + (32L * first), 32 * n);
                    KeccakBatch.Hash(payloadSpan, new ReadOnlySpan<int>((int*)po + first, n), new ReadOnlySpan<int>((int*)pl + first, n), hashes);
                    for (var j = 0; j < n; j++)
                    {
                        var i = first + j;
                        ((SignatureError*)pr)[i] = RecoverKey(
                            worker, hashes.Slice(32 * j, 32), new ReadOnlySpan<byte>((byte*)ps + (65L * i), 65), publicKeys.Slice(64 * j, 64));
                    }

                    AddressesOf(publicKeys[..(64 * n)], keyHashes, new Span<byte>((byte*)pa + (20L * first), 20 * n), new ReadOnlySpan<SignatureError>((SignatureError*)pr + first, n));
                }
            });
        }
    }

    public void Keccak256(ReadOnlySpan<byte> messages, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<byte> digests)
    {
        var count = offsets.Length;
        BatchShape.Keccak(messages, offsets, lengths, digests, count);
        var messageLength = messages.Length;
        fixed (byte* m = messages, d = digests)
        fixed (int* o = offsets, l = lengths)
        {
            nint pm = (nint)m, pd = (nint)d, po = (nint)o, pl = (nint)l;
            _pool.Run(
                count,
                (_, start, end) => KeccakBatch.Hash(
                    new ReadOnlySpan<byte>((byte*)pm, messageLength),
                    new ReadOnlySpan<int>((int*)po + start, end - start),
                    new ReadOnlySpan<int>((int*)pl + start, end - start),
                    new Span<byte>((byte*)pd + (32L * start), 32 * (end - start))),
                MinHashesPerThread);
        }
    }

    public void Dispose() => _pool.Dispose();

    internal static int ResolveThreads(int threads) => threads > 0 ? threads : Environment.ProcessorCount;

    /// <summary>Recovers the 64-byte x||y key; on failure the key is zeroed.</summary>
    private static SignatureError RecoverKey(ICpuWorker worker, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, Span<byte> publicKey)
    {
        var error = ItemChecks.Recover(signature);
        if (error == SignatureError.None)
        {
            error = worker.Recover(digest, signature[..64], signature[64], publicKey);
        }

        if (error != SignatureError.None)
        {
            publicKey.Clear();
        }

        return error;
    }

    /// <summary>
    /// Writes each recovered key's address (the last 20 bytes of Keccak-256 over its 64-byte x||y), hashing the keys
    /// in one batch, and zeroes the address of every item that failed.
    /// </summary>
    private static void AddressesOf(ReadOnlySpan<byte> publicKeys, Span<byte> hashes, Span<byte> addresses, ReadOnlySpan<SignatureError> results)
    {
        var n = results.Length;
        KeccakBatch.HashEach(publicKeys, 64, hashes);
        for (var j = 0; j < n; j++)
        {
            var address = addresses.Slice(20 * j, 20);
            if (results[j] == SignatureError.None)
            {
                hashes.Slice((32 * j) + 12, 20).CopyTo(address);
            }
            else
            {
                address.Clear();
            }
        }
    }
}
