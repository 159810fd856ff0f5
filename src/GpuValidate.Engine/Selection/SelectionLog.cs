using Microsoft.Extensions.Logging;

namespace GpuValidate.Engine.Selection;

/// <summary>The selector's one decision log line.</summary>
internal static partial class SelectionLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "backend {Backend}: {Reason}")]
    public static partial void Selected(ILogger logger, string backend, string reason);
}
