namespace GpuValidate.Engine.Backends.Hybrid;

/// <summary>One device in a split: its engine, its moving-average rate per operation, and whether it was dropped.</summary>
internal sealed class HybridLane(ISignatureEngine engine, bool isGpu)
{
    private static readonly int OperationCount = Enum.GetValues<HybridOperation>().Length;

    private readonly double[] _rates = Enumerable.Repeat(1.0, OperationCount).ToArray();
    private readonly Lock _gate = new();
    private int _failed;

    public ISignatureEngine Engine { get; } = engine;

    public bool IsGpu { get; } = isGpu;

    public bool Failed => Volatile.Read(ref _failed) != 0;

    /// <summary>Marks the lane failed; true for the first caller only, so the warning is logged once.</summary>
    public bool MarkFailed() => Interlocked.Exchange(ref _failed, 1) == 0;

    public double RateOf(HybridOperation operation)
    {
        lock (_gate)
        {
            return _rates[(int)operation];
        }
    }

    public void SetRate(HybridOperation operation, double itemsPerSecond)
    {
        lock (_gate)
        {
            _rates[(int)operation] = itemsPerSecond;
        }
    }

    public void SetAllRates(double itemsPerSecond)
    {
        lock (_gate)
        {
            Array.Fill(_rates, itemsPerSecond);
        }
    }

    /// <summary>Folds one measurement into the moving average.</summary>
    public void Observe(HybridOperation operation, int items, TimeSpan elapsed, double smoothing)
    {
        if (items <= 0 || elapsed <= TimeSpan.Zero)
        {
            return;
        }

        var measured = items / elapsed.TotalSeconds;
        lock (_gate)
        {
            ref var rate = ref _rates[(int)operation];
            rate = ((1 - smoothing) * rate) + (smoothing * measured);
        }
    }
}
