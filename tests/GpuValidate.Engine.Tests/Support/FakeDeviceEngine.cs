using GpuValidate.TestSupport;

namespace GpuValidate.Engine.Tests.Support;

/// <summary>
/// A test double standing in for a GPU engine: forwards to a real CPU engine (so its answers are right),
/// records how many items each call got, can wait a fixed time per item (a slow device), and can throw from a
/// given call on (a driver fault or out-of-memory mid-run), and can wait per call (a launch latency).
/// </summary>
internal sealed class FakeDeviceEngine(ISignatureEngine inner, string name, int failFromCall = int.MaxValue, double secondsPerItem = 0, double secondsPerCall = 0, bool ownsInner = true) : DelegatingEngine(inner)
{
    private readonly List<int> _calls = [];
    private readonly HashSet<int> _threads = [];
    private readonly Lock _gate = new();
    private int _completed;

    public override string Description => name;

    public bool Disposed { get; private set; }

    /// <summary>Item counts of the calls that reached this engine, faulted ones included.</summary>
    public IReadOnlyList<int> Calls
    {
        get
        {
            lock (_gate)
            {
                return _calls.ToArray();
            }
        }
    }

    public int ItemsProcessed => Calls.Sum();

    /// <summary>Calls that returned normally.</summary>
    public int Completed => Volatile.Read(ref _completed);

    /// <summary>The managed thread ids the calls ran on.</summary>
    public IReadOnlySet<int> Threads
    {
        get
        {
            lock (_gate)
            {
                return _threads.ToHashSet();
            }
        }
    }

    public override void VerifyEcdsa(ReadOnlySpan<byte> digests, ReadOnlySpan<byte> signatures, ReadOnlySpan<byte> publicKeys, ReadOnlySpan<byte> publicKeyLengths, bool requireLowS, Span<SignatureError> results)
    {
        Enter(results.Length, results);
        base.VerifyEcdsa(digests, signatures, publicKeys, publicKeyLengths, requireLowS, results);
        Interlocked.Increment(ref _completed);
    }

    public override void VerifySchnorr(ReadOnlySpan<byte> publicKeys, ReadOnlySpan<byte> signatures, ReadOnlySpan<byte> messages, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<SignatureError> results)
    {
        Enter(results.Length, results);
        base.VerifySchnorr(publicKeys, signatures, messages, offsets, lengths, results);
        Interlocked.Increment(ref _completed);
    }

    public override void Recover(ReadOnlySpan<byte> digests, ReadOnlySpan<byte> signatures, Span<byte> publicKeys, Span<byte> addresses, Span<SignatureError> results)
    {
        Enter(results.Length, results);
        base.Recover(digests, signatures, publicKeys, addresses, results);
        Interlocked.Increment(ref _completed);
    }

    public override void RecoverSenders(ReadOnlySpan<byte> payloads, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, ReadOnlySpan<byte> signatures, Span<byte> signingHashes, Span<byte> addresses, Span<SignatureError> results)
    {
        Enter(results.Length, results);
        base.RecoverSenders(payloads, offsets, lengths, signatures, signingHashes, addresses, results);
        Interlocked.Increment(ref _completed);
    }

    public override void Keccak256(ReadOnlySpan<byte> messages, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<byte> digests)
    {
        Enter(offsets.Length, default);
        base.Keccak256(messages, offsets, lengths, digests);
        Interlocked.Increment(ref _completed);
    }

    public override void Dispose()
    {
        Disposed = true;
        if (ownsInner)
        {
            base.Dispose();
        }
    }

    private void Enter(int items, Span<SignatureError> results)
    {
        int call;
        lock (_gate)
        {
            call = _calls.Count;
            _calls.Add(items);
            _threads.Add(Environment.CurrentManagedThreadId);
        }

        if (secondsPerItem > 0 || secondsPerCall > 0)
        {
            Thread.Sleep(TimeSpan.FromSeconds(secondsPerCall + (secondsPerItem * items)));
        }

        if (call >= failFromCall)
        {
            // A real device may have written garbage before failing; the engine must overwrite it.
            results.Fill(SignatureError.BadInput);
            throw new InvalidOperationException($"{name}: simulated device fault (out of memory)");
        }
    }
}
