using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using GpuValidate.Engine.Selection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GpuValidate.Engine.Backends.Hybrid;

/// <summary>
/// GPUs and the CPU together: each batch is cut into one contiguous share per device in proportion to its
/// moving-average rate for that operation (calibrated at start-up, updated as batches complete). Every GPU has
/// its own queue served by its own host thread, and the CPU engine's share runs on the caller's thread meanwhile.
/// Batches below the crossover go to the CPU alone. A GPU that throws is dropped for good and its share re-run on the
/// CPU with a warning, so no result is lost. Thread-safe when the engines it wraps are.
/// </summary>
public sealed unsafe class HybridEngine : ISignatureEngine
{
    private readonly HybridLane[] _gpus;
    private readonly HybridLane _cpu;
    private readonly DeviceQueue[] _queues;
    private readonly HybridOptions _options;
    private readonly ILogger _logger;
    private int _crossover;
    private int _disposed;

    /// <summary>
    /// Wraps <paramref name="gpus"/> and <paramref name="cpu"/>, taking ownership of them. Call
    /// <see cref="Calibrate"/> once before use to measure the rates (otherwise all devices start equal).
    /// </summary>
    public HybridEngine(IReadOnlyList<ISignatureEngine> gpus, ISignatureEngine cpu, HybridOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(gpus);
        ArgumentNullException.ThrowIfNull(cpu);
        _options = options ?? new HybridOptions();
        _logger = logger ?? NullLogger.Instance;
        _gpus = gpus.Select(g => new HybridLane(g, isGpu: true)).ToArray();
        _cpu = new HybridLane(cpu, isGpu: false);
        _queues = gpus.Select(g => new DeviceQueue(g.Description)).ToArray();
        _crossover = _options.Crossover ?? HybridOptions.DefaultCrossover;
        Description = $"{string.Join(" + ", gpus.Select(g => g.Description))} + {cpu.Description}";
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <summary>Batches with fewer items run on the CPU alone.</summary>
    public int Crossover => Volatile.Read(ref _crossover);

    /// <summary>GPUs still in the split (not dropped after a failure).</summary>
    public int LiveGpuCount => _gpus.Count(g => !g.Failed);

    /// <summary>
    /// Measures each device's ECDSA rate on <see cref="HybridOptions.CalibrationItems"/> items (all operations
    /// start from that rate and adapt as batches complete) and, unless a crossover was given, the crossover as
    /// the GPUs' launch latency (a one-item batch) times the CPU's rate. A GPU that throws here is dropped.
    /// </summary>
    public void Calibrate()
    {
        var items = _options.CalibrationItems;
        if (items <= 0)
        {
            return;
        }

        var digests = new byte[32 * items];
        var signatures = new byte[64 * items];
        var keys = new byte[65 * items];
        var keyLengths = new byte[items];
        var results = new SignatureError[items];
        KnownAnswerCheck.FillEcdsaBatch(items, digests, signatures, keys, keyLengths);

        var latency = double.PositiveInfinity;
        foreach (var lane in _gpus.Append(_cpu))
        {
            try
            {
                // The first call pays for JIT and kernel compilation; time the second.
                lane.Engine.VerifyEcdsa(digests.AsSpan(0, 32), signatures.AsSpan(0, 64), keys.AsSpan(0, 65), keyLengths.AsSpan(0, 1), true, results.AsSpan(0, 1));
                if (lane.IsGpu)
                {
                    for (var i = 0; i < 3; i++)
                    {
                        var one = Stopwatch.StartNew();
                        lane.Engine.VerifyEcdsa(digests.AsSpan(0, 32), signatures.AsSpan(0, 64), keys.AsSpan(0, 65), keyLengths.AsSpan(0, 1), true, results.AsSpan(0, 1));
                        latency = Math.Min(latency, one.Elapsed.TotalSeconds);
                    }
                }

                var watch = Stopwatch.StartNew();
                lane.Engine.VerifyEcdsa(digests, signatures, keys, keyLengths, true, results);
                lane.SetAllRates(items / Math.Max(watch.Elapsed.TotalSeconds, 1e-9));
            }
#pragma warning disable CA1031 // A device fault in calibration drops the device, as it would mid-run.
            catch (Exception e) when (lane.IsGpu)
#pragma warning restore CA1031
            {
                if (lane.MarkFailed())
                {
                    HybridLog.DeviceDropped(_logger, lane.Engine.Description, $"{e.GetType().Name}: {e.Message}", items);
                }
            }
        }

        var source = "given";
        if (_options.Crossover is null)
        {
            source = "default";
            if (!double.IsPositiveInfinity(latency))
            {
                _crossover = (int)Math.Clamp(Math.Ceiling(latency * _cpu.RateOf(HybridOperation.VerifyEcdsa)), 16, 1 << 16);
                source = string.Create(CultureInfo.InvariantCulture, $"measured: {latency * 1e6:F0} us launch latency");
            }
        }

        var rates = string.Join(", ", _gpus.Append(_cpu).Where(l => !l.Failed).Select(l =>
            string.Create(CultureInfo.InvariantCulture, $"{l.Engine.Description} {l.RateOf(HybridOperation.VerifyEcdsa):F0} verifies/s")));
        HybridLog.Calibrated(_logger, rates, _crossover, source);
    }

    /// <summary>A device's current moving-average rate in items per second; devices are the GPUs in constructor order, then the CPU.</summary>
    internal double RateOf(int device, HybridOperation operation) =>
        (device < _gpus.Length ? _gpus[device] : _cpu).RateOf(operation);

    /// <summary>
    /// The share of each device for a batch of <paramref name="count"/>: item counts for the GPUs in constructor
    /// order (0 for dropped ones), then the CPU's. Shares are contiguous in that order.
    /// </summary>
    internal int[] Plan(HybridOperation operation, int count)
    {
        var shares = new int[_gpus.Length + 1];
        if (count < Crossover || LiveGpuCount == 0)
        {
            shares[^1] = count;
            return shares;
        }

        var total = _cpu.RateOf(operation);
        foreach (var gpu in _gpus)
        {
            total += gpu.Failed ? 0 : gpu.RateOf(operation);
        }

        var assigned = 0;
        for (var i = 0; i < _gpus.Length; i++)
        {
            if (_gpus[i].Failed)
            {
                continue;
            }

            var share = (int)(count * (_gpus[i].RateOf(operation) / total));

            // A share too small to pay for its launch is better spent on the CPU.
            shares[i] = share < Crossover ? 0 : share;
            assigned += shares[i];
        }

        shares[^1] = count - assigned;
        return shares;
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
        fixed (byte* d = digests, s = signatures, k = publicKeys, kl = publicKeyLengths)
        fixed (SignatureError* r = results)
        {
            nint pd = (nint)d, ps = (nint)s, pk = (nint)k, pkl = (nint)kl, pr = (nint)r;
            Run(HybridOperation.VerifyEcdsa, count, (engine, start, n) => engine.VerifyEcdsa(
                new ReadOnlySpan<byte>((byte*)pd + (32L * start), 32 * n),
                new ReadOnlySpan<byte>((byte*)ps + (64L * start), 64 * n),
                new ReadOnlySpan<byte>((byte*)pk + (65L * start), 65 * n),
                new ReadOnlySpan<byte>((byte*)pkl + start, n),
                requireLowS,
                new Span<SignatureError>((SignatureError*)pr + start, n)));
        }
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
        var messageLength = messages.Length;
        fixed (byte* k = publicKeys, s = signatures, m = messages)
        fixed (int* o = offsets, l = lengths)
        fixed (SignatureError* r = results)
        {
            nint pk = (nint)k, ps = (nint)s, pm = (nint)m, po = (nint)o, pl = (nint)l, pr = (nint)r;

            // Offsets are absolute, so every share sees the whole message buffer and its own offsets.
            Run(HybridOperation.VerifySchnorr, count, (engine, start, n) => engine.VerifySchnorr(
                new ReadOnlySpan<byte>((byte*)pk + (32L * start), 32 * n),
                new ReadOnlySpan<byte>((byte*)ps + (64L * start), 64 * n),
                new ReadOnlySpan<byte>((byte*)pm, messageLength),
                new ReadOnlySpan<int>((int*)po + start, n),
                new ReadOnlySpan<int>((int*)pl + start, n),
                new Span<SignatureError>((SignatureError*)pr + start, n)));
        }
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
        fixed (byte* d = digests, s = signatures, k = publicKeys, a = addresses)
        fixed (SignatureError* r = results)
        {
            nint pd = (nint)d, ps = (nint)s, pk = (nint)k, pa = (nint)a, pr = (nint)r;
            Run(HybridOperation.Recover, count, (engine, start, n) => engine.Recover(
                new ReadOnlySpan<byte>((byte*)pd + (32L * start), 32 * n),
                new ReadOnlySpan<byte>((byte*)ps + (65L * start), 65 * n),
                new Span<byte>((byte*)pk + (64L * start), 64 * n),
                new Span<byte>((byte*)pa + (20L * start), 20 * n),
                new Span<SignatureError>((SignatureError*)pr + start, n)));
        }
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
        var payloadLength = payloads.Length;
        fixed (byte* p = payloads, s = signatures, h = signingHashes, a = addresses)
        fixed (int* o = offsets, l = lengths)
        fixed (SignatureError* r = results)
        {
            nint pp = (nint)p, po = (nint)o, pl = (nint)l, ps = (nint)s, ph = (nint)h, pa = (nint)a, pr = (nint)r;
            Run(HybridOperation.RecoverSenders, count, (engine, start, n) => engine.RecoverSenders(
                new ReadOnlySpan<byte>((byte*)pp, payloadLength),
                new ReadOnlySpan<int>((int*)po + start, n),
                new ReadOnlySpan<int>((int*)pl + start, n),
                new ReadOnlySpan<byte>((byte*)ps + (65L * start), 65 * n),
                new Span<byte>((byte*)ph + (32L * start), 32 * n),
                new Span<byte>((byte*)pa + (20L * start), 20 * n),
                new Span<SignatureError>((SignatureError*)pr + start, n)));
        }
    }

    /// <inheritdoc/>
    public void Keccak256(ReadOnlySpan<byte> messages, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<byte> digests)
    {
        var count = offsets.Length;
        BatchShape.Keccak(messages, offsets, lengths, digests, count);
        var messageLength = messages.Length;
        fixed (byte* m = messages, d = digests)
        fixed (int* o = offsets, l = lengths)
        {
            nint pm = (nint)m, pd = (nint)d, po = (nint)o, pl = (nint)l;
            Run(HybridOperation.Keccak256, count, (engine, start, n) => engine.Keccak256(
                new ReadOnlySpan<byte>((byte*)pm, messageLength),
                new ReadOnlySpan<int>((int*)po + start, n),
                new ReadOnlySpan<int>((int*)pl + start, n),
                new Span<byte>((byte*)pd + (32L * start), 32 * n)));
        }
    }

    /// <summary>Disposes every wrapped engine; idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var queue in _queues)
        {
            queue.Dispose();
        }

        foreach (var gpu in _gpus)
        {
            gpu.Engine.Dispose();
        }

        _cpu.Engine.Dispose();
    }

    private static TimeSpan Timed(ISignatureEngine engine, int start, int count, Action<ISignatureEngine, int, int> body)
    {
        var watch = Stopwatch.StartNew();
        body(engine, start, count);
        return watch.Elapsed;
    }

    private static void Count(HybridLane lane, HybridOperation operation, int items) =>
        HybridMetrics.Items.Add(
            items,
            new KeyValuePair<string, object?>("device", lane.Engine.Description),
            new KeyValuePair<string, object?>("operation", operation.ToString()));

    private void Run(HybridOperation operation, int count, Action<ISignatureEngine, int, int> body)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (count == 0)
        {
            return;
        }

        var shares = Plan(operation, count);
        HybridMetrics.BatchSize.Record(count);
        var starts = new int[shares.Length];
        for (var i = 1; i < shares.Length; i++)
        {
            starts[i] = starts[i - 1] + shares[i - 1];
        }

        // Each GPU's share goes to its own queue (one host thread per device) and runs while the CPU takes its share.
        var jobs = new DeviceQueue.Job?[_gpus.Length];
        for (var i = 0; i < _gpus.Length; i++)
        {
            if (shares[i] > 0)
            {
                var (engine, start, n) = (_gpus[i].Engine, starts[i], shares[i]);
                jobs[i] = _queues[i].Enqueue(() => body(engine, start, n));
            }
        }

        // The GPUs read and write the caller's pinned spans: every job is waited for before returning, even when
        // the CPU's share throws, and that exception is rethrown after.
        ExceptionDispatchInfo? cpuError = null;
        var cpuShare = shares[^1];
        if (cpuShare > 0)
        {
            try
            {
                _cpu.Observe(operation, cpuShare, Timed(_cpu.Engine, starts[^1], cpuShare, body), _options.Smoothing);
                Count(_cpu, operation, cpuShare);
            }
#pragma warning disable CA1031 // Rethrown below, once the devices are done with the buffers.
            catch (Exception e)
#pragma warning restore CA1031
            {
                cpuError = ExceptionDispatchInfo.Capture(e);
            }
        }

        // Wait for every device first; only then re-run failed shares, so no job outlives the pinned buffers.
        var faults = new Exception?[jobs.Length];
        for (var i = 0; i < jobs.Length; i++)
        {
            if (jobs[i] is not { } job)
            {
                continue;
            }

            try
            {
                _gpus[i].Observe(operation, shares[i], job.Wait(), _options.Smoothing);
                Count(_gpus[i], operation, shares[i]);
            }
#pragma warning disable CA1031 // Any device fault (driver error, out of memory) drops the device; the CPU redoes its share.
            catch (Exception e)
#pragma warning restore CA1031
            {
                faults[i] = e;
            }
        }

        cpuError?.Throw();
        for (var i = 0; i < faults.Length; i++)
        {
            if (faults[i] is not { } e)
            {
                continue;
            }

            if (_gpus[i].MarkFailed())
            {
                HybridLog.DeviceDropped(_logger, _gpus[i].Engine.Description, $"{e.GetType().Name}: {e.Message}", shares[i]);
                HybridMetrics.DeviceFaults.Add(1, new KeyValuePair<string, object?>("device", _gpus[i].Engine.Description));
            }

            body(_cpu.Engine, starts[i], shares[i]);
            Count(_cpu, operation, shares[i]);
        }
    }
}
