using Microsoft.Extensions.Logging;

namespace GpuValidate.Engine.Backends.Hybrid;

/// <summary>The hybrid engine's log messages: decisions once, never per item.</summary>
internal static partial class HybridLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning,
        Message = "GPU {Device} failed ({Error}); dropped from the split, its {Items} items re-run on the CPU")]
    public static partial void DeviceDropped(ILogger logger, string device, string error, int items);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information,
        Message = "split calibrated: {Rates}; batches below {Crossover} items run on the CPU alone ({CrossoverSource})")]
    public static partial void Calibrated(ILogger logger, string rates, int crossover, string crossoverSource);
}
