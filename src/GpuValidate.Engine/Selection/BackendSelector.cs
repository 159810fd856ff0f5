using GpuValidate.Engine.Backends;
using GpuValidate.Engine.Backends.Cpu;
using GpuValidate.Engine.Backends.Hybrid;
using Microsoft.Extensions.Logging;

namespace GpuValidate.Engine.Selection;

/// <summary>
/// Turns <see cref="EngineOptions"/> into an engine. <c>auto</c>: the CUDA GPUs that pass
/// <see cref="KnownAnswerCheck"/> (else the OpenCL ones; never ILGPU's CPU accelerator), split with the CPU; with
/// none, native libsecp256k1 if it loads, else the managed library. An explicit backend that cannot run here
/// throws <see cref="BackendUnavailableException"/>.
/// </summary>
internal sealed class BackendSelector(Func<BackendKind, IReadOnlyList<GpuCandidate>> discover, Func<string?> nativeFailure)
{
    public EngineSelection Select(EngineOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var selection = options.Backend switch
        {
            BackendKind.Auto => SelectAuto(options, logger),
            BackendKind.Native => new EngineSelection(CreateNative(options.Threads), BackendKind.Native, "native: requested"),
            BackendKind.Managed => new EngineSelection(CpuEngine.CreateManaged(options.Threads), BackendKind.Managed, "managed: requested"),
            BackendKind.Cuda or BackendKind.OpenCL or BackendKind.IlgpuCpu => SelectDevice(options.Backend),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Backend, "unknown backend"),
        };
        SelectionLog.Selected(logger, selection.Backend.ToName(), selection.Reason);
        return selection;
    }

    private static string Describe(DeviceInfo device) => $"{device.Backend.ToName()} device {device.Index} ({device.Name})";

    private static IEnumerable<GpuCandidate> FastestFirst(IReadOnlyList<GpuCandidate> candidates) =>
        candidates.OrderByDescending(c => (long)c.Device.Multiprocessors * c.Device.MaxThreadsPerGroup);

    /// <summary>Builds the engine and runs the self-check; null with the reason when either fails.</summary>
    private static ISignatureEngine? TryStart(GpuCandidate candidate, out string failure)
    {
        ISignatureEngine? engine = null;
        try
        {
            engine = candidate.Create();
            if (KnownAnswerCheck.Passes(engine, out var check))
            {
                failure = string.Empty;
                return engine;
            }

            failure = $"{Describe(candidate.Device)} failed the self-check: {check}";
        }
#pragma warning disable CA1031 // A device that cannot start is skipped with its reason, never fatal for auto.
        catch (Exception e)
#pragma warning restore CA1031
        {
            failure = $"{Describe(candidate.Device)} did not start: {e.Message}";
        }

        engine?.Dispose();
        return null;
    }

    private ISignatureEngine CreateNative(int threads)
    {
        var failure = nativeFailure();
        return failure is null
            ? CpuEngine.CreateNative(threads)
            : throw new BackendUnavailableException($"backend 'native' is unavailable: libsecp256k1 does not load ({failure})");
    }

    private EngineSelection SelectDevice(BackendKind kind)
    {
        var candidates = discover(kind);
        if (candidates.Count == 0)
        {
            throw new BackendUnavailableException($"backend '{kind.ToName()}' is unavailable: ILGPU finds no {kind.ToName()} device on this machine");
        }

        var failures = new List<string>();
        foreach (var candidate in FastestFirst(candidates))
        {
            var engine = TryStart(candidate, out var failure);
            if (engine is not null)
            {
                var slow = kind == BackendKind.IlgpuCpu ? " (slow: for tests)" : string.Empty;
                return new EngineSelection(engine, kind, $"{kind.ToName()}: requested; {Describe(candidate.Device)} passed the self-check{slow}");
            }

            failures.Add(failure);
        }

        throw new BackendUnavailableException($"backend '{kind.ToName()}' is unavailable: {string.Join("; ", failures)}");
    }

    private EngineSelection SelectAuto(EngineOptions options, ILogger logger)
    {
        var failures = new List<string>();
        foreach (var kind in (ReadOnlySpan<BackendKind>)[BackendKind.Cuda, BackendKind.OpenCL])
        {
            var started = new List<(GpuCandidate Candidate, ISignatureEngine Engine)>();
            foreach (var candidate in FastestFirst(discover(kind)))
            {
                var engine = TryStart(candidate, out var failure);
                if (engine is null)
                {
                    failures.Add(failure);
                }
                else
                {
                    started.Add((candidate, engine));
                }
            }

            if (started.Count == 0)
            {
                continue;
            }

            var names = string.Join(", ", started.Select(s => Describe(s.Candidate.Device)));
            var skipped = failures.Count == 0 ? string.Empty : $" (skipped: {string.Join("; ", failures)})";
            if (!options.SplitWithCpu)
            {
                foreach (var extra in started.Skip(1))
                {
                    extra.Engine.Dispose();
                }

                return new EngineSelection(started[0].Engine, kind, $"auto: {Describe(started[0].Candidate.Device)} passed the self-check{skipped}");
            }

            var cpu = nativeFailure() is null ? CpuEngine.CreateNative(options.Threads) : CpuEngine.CreateManaged(options.Threads);
            var hybrid = new HybridEngine(
                started.Select(s => s.Engine).ToArray(),
                cpu,
                new HybridOptions { Crossover = options.Crossover, CalibrationItems = options.CalibrationItems },
                logger);
            hybrid.Calibrate();
            return new EngineSelection(
                hybrid,
                kind,
                $"auto: {names} passed the self-check, split with the CPU ({cpu.Description}) by measured rate, batches below {hybrid.Crossover} items on the CPU alone{skipped}");
        }

        var why = failures.Count == 0 ? "no CUDA or OpenCL GPU found" : string.Join("; ", failures);
        var native = nativeFailure();
        if (native is null)
        {
            return new EngineSelection(CpuEngine.CreateNative(options.Threads), BackendKind.Native, $"auto: native libsecp256k1 on all cores: {why}");
        }

        return new EngineSelection(
            CpuEngine.CreateManaged(options.Threads),
            BackendKind.Managed,
            $"auto: managed: {why}, and native libsecp256k1 does not load ({native})");
    }
}
