using System.Diagnostics.Metrics;
using GpuValidate.Ethereum.Transactions;

namespace GpuValidate.Pipeline.Validation;

/// <summary>Counters for stateless validation, readable by dotnet-counters and OpenTelemetry.</summary>
internal static class ValidationMetrics
{
    public const string MeterName = "GpuValidate.Validation";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Validated = Meter.CreateCounter<long>("gpuvalidate.transactions.validated", description: "Transactions that passed stateless validation");

    private static readonly Counter<long> Rejected = Meter.CreateCounter<long>("gpuvalidate.transactions.rejected", description: "Transactions rejected by stateless validation, by reason");

    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("gpuvalidate.validation.batch_size", description: "Transactions per validation batch");

    public static void Record(ReadOnlySpan<TransactionVerdict> verdicts)
    {
        BatchSize.Record(verdicts.Length);
        if (!Validated.Enabled && !Rejected.Enabled)
        {
            return;
        }

        Span<int> byReason = stackalloc int[TransactionErrorCodes.All.Count + 1];
        byReason.Clear();
        foreach (var verdict in verdicts)
        {
            byReason[(int)verdict.Error]++;
        }

        Validated.Add(byReason[0]);
        for (var i = 1; i < byReason.Length; i++)
        {
            if (byReason[i] > 0)
            {
                Rejected.Add(byReason[i], new KeyValuePair<string, object?>("reason", ((TransactionError)i).ToCode()));
            }
        }
    }
}
