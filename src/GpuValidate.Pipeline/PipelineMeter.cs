using System.Diagnostics.Metrics;
using GpuValidate.Pipeline.Execution;

namespace GpuValidate.Pipeline;

/// <summary>
/// The pipeline's counters, readable by <c>dotnet-counters</c> and OpenTelemetry: transactions applied, rejected by
/// the state transition by reason, blocks, and layer counts. Stateless validation counts under its own meter.
/// </summary>
public static class PipelineMeter
{
    /// <summary>The meter name.</summary>
    public const string Name = "GpuValidate.Pipeline";

    internal static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Applied = Meter.CreateCounter<long>(
        "gpuvalidate.transactions.applied", description: "Transactions included in a block");

    private static readonly Counter<long> RejectedByState = Meter.CreateCounter<long>(
        "gpuvalidate.transactions.rejected_by_state", description: "Transactions rejected by the state transition, by reason");

    private static readonly Counter<long> Blocks = Meter.CreateCounter<long>(
        "gpuvalidate.blocks.committed", description: "Blocks applied and committed");

    internal static void RecordBlock(IReadOnlyList<ApplierTransaction> transactions, IReadOnlyList<TransactionReceipt> receipts)
    {
        Blocks.Add(1);
        if (!Applied.Enabled && !RejectedByState.Enabled)
        {
            return;
        }

        long applied = 0;
        for (var i = 0; i < receipts.Count; i++)
        {
            if (receipts[i].Valid)
            {
                applied++;
            }
            else if (transactions[i].StatelessError is null)
            {
                RejectedByState.Add(1, new KeyValuePair<string, object?>("reason", receipts[i].Error));
            }
        }

        Applied.Add(applied);
    }
}
