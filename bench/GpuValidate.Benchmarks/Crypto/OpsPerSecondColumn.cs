using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace GpuValidate.Benchmarks.Crypto;

/// <summary>Items per second: the <c>Batch</c> parameter over the mean time of one invocation.</summary>
public sealed class OpsPerSecondColumn : IColumn
{
    public string Id => nameof(OpsPerSecondColumn);

    public string ColumnName => "ops/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Items per second (batch size / mean)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var report = summary[benchmarkCase];
        var batch = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Batch")?.Value;
        if (report?.ResultStatistics is not { } statistics || batch is not int items)
        {
            return "-";
        }

        return (items / (statistics.Mean / 1e9)).ToString("N0", CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
