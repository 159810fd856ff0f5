using NBitcoin.Secp256k1;

namespace GpuValidate.Engine.Workloads;

/// <summary>
/// A batch of valid signature items for benchmarks, laid out as <see cref="ISignatureEngine"/> takes them, with
/// output buffers allocated once. Signing is slow next to verifying, so <c>distinct</c> items are signed and
/// repeated to fill the batch: every item still costs a full verify or recovery.
/// </summary>
public sealed class SignatureWorkload
{
    private readonly byte[] _digests;
    private readonly byte[] _ecdsaSignatures;
    private readonly byte[] _ecdsaKeys;
    private readonly byte[] _ecdsaKeyLengths;
    private readonly byte[] _schnorrKeys;
    private readonly byte[] _schnorrSignatures;
    private readonly byte[] _messages;
    private readonly int[] _offsets;
    private readonly int[] _lengths;
    private readonly byte[] _recoverSignatures;
    private readonly SignatureError[] _results;
    private readonly byte[] _keys;
    private readonly byte[] _addresses;
    private readonly byte[] _hashes;

    private SignatureWorkload(int count)
    {
        Count = count;
        _digests = new byte[32 * count];
        _ecdsaSignatures = new byte[64 * count];
        _ecdsaKeys = new byte[65 * count];
        _ecdsaKeyLengths = new byte[count];
        _schnorrKeys = new byte[32 * count];
        _schnorrSignatures = new byte[64 * count];
        _messages = new byte[32 * count];
        _offsets = new int[count];
        _lengths = new int[count];
        _recoverSignatures = new byte[65 * count];
        _results = new SignatureError[count];
        _keys = new byte[64 * count];
        _addresses = new byte[20 * count];
        _hashes = new byte[32 * count];
    }

    /// <summary>Items in the batch.</summary>
    public int Count { get; }

    /// <summary>The verdicts of the last <see cref="Run"/>.</summary>
    public ReadOnlySpan<SignatureError> Results => _results;

    /// <summary>A batch of <paramref name="count"/> valid items built from <paramref name="distinct"/> signed ones.</summary>
    public static SignatureWorkload Create(int count, int distinct = 256, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(distinct, 1);
        var workload = new SignatureWorkload(count);
        var random = new Random(seed);
        var secret = new byte[32];
        var buffer = new byte[65];
        for (var i = 0; i < Math.Min(count, distinct); i++)
        {
            ECPrivKey? key;
            do
            {
                random.NextBytes(secret);
            }
            while (!Context.Instance.TryCreateECPrivKey(secret, out key) || key is null);

            var digest = workload._digests.AsSpan(32 * i, 32);
            random.NextBytes(digest);
            key.CreatePubKey().WriteToSpan(true, buffer, out var length);
            buffer.AsSpan(0, length).CopyTo(workload._ecdsaKeys.AsSpan(65 * i));
            workload._ecdsaKeyLengths[i] = (byte)length;
            key.SignECDSARFC6979(digest).WriteCompactToSpan(workload._ecdsaSignatures.AsSpan(64 * i, 64));
            key.TrySignRecoverable(digest, out var recoverable);
            recoverable!.WriteToSpanCompact(workload._recoverSignatures.AsSpan(65 * i, 64), out var recid);
            workload._recoverSignatures[(65 * i) + 64] = (byte)recid;
            var message = workload._messages.AsSpan(32 * i, 32);
            random.NextBytes(message);
            key.CreateXOnlyPubKey().WriteToSpan(workload._schnorrKeys.AsSpan(32 * i, 32));
            key.TrySignBIP340(message, null, out var schnorr);
            schnorr!.WriteToSpan(workload._schnorrSignatures.AsSpan(64 * i, 64));
        }

        for (var i = distinct; i < count; i++)
        {
            var j = i % distinct;
            Copy(workload._digests, 32, j, i);
            Copy(workload._ecdsaKeys, 65, j, i);
            Copy(workload._ecdsaSignatures, 64, j, i);
            Copy(workload._recoverSignatures, 65, j, i);
            Copy(workload._messages, 32, j, i);
            Copy(workload._schnorrKeys, 32, j, i);
            Copy(workload._schnorrSignatures, 64, j, i);
            workload._ecdsaKeyLengths[i] = workload._ecdsaKeyLengths[j];
        }

        for (var i = 0; i < count; i++)
        {
            workload._offsets[i] = 32 * i;
            workload._lengths[i] = 32;
        }

        return workload;
    }

    /// <summary>Runs one operation over the whole batch.</summary>
    public void Run(ISignatureEngine engine, CryptoOperation operation)
    {
        ArgumentNullException.ThrowIfNull(engine);
        switch (operation)
        {
            case CryptoOperation.VerifyEcdsa:
                engine.VerifyEcdsa(_digests, _ecdsaSignatures, _ecdsaKeys, _ecdsaKeyLengths, true, _results);
                break;
            case CryptoOperation.VerifySchnorr:
                engine.VerifySchnorr(_schnorrKeys, _schnorrSignatures, _messages, _offsets, _lengths, _results);
                break;
            case CryptoOperation.Recover:
                engine.Recover(_digests, _recoverSignatures, _keys, _addresses, _results);
                break;
            case CryptoOperation.Keccak256:
                engine.Keccak256(_messages, _offsets, _lengths, _hashes);
                _results.AsSpan().Clear();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation));
        }
    }

    private static void Copy(byte[] array, int width, int from, int to) =>
        array.AsSpan(width * from, width).CopyTo(array.AsSpan(width * to, width));
}
