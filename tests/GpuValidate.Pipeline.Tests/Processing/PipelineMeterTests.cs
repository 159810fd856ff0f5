using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using GpuValidate.Engine;
using GpuValidate.Engine.Backends;
using GpuValidate.Pipeline.Processing;
using GpuValidate.Pipeline.Validation;
using GpuValidate.Pipeline.Workloads;
using GpuValidate.State;

namespace GpuValidate.Pipeline.Tests.Processing;

public sealed class PipelineMeterTests
{
    [Fact]
    public async Task Block_mode_counts_applied_transactions_and_state_rejections_by_reason()
    {
        var workload = new TransferWorkload(new TransferWorkloadOptions { Blocks = 2, TransactionsPerBlock = 10, Accounts = 5 });
        var genesis = workload.Genesis();
        var blocks = workload.Blocks().ToList();
        blocks[1] = blocks[1] with { Transactions = [.. blocks[1].Transactions, blocks[0].Transactions[0]] };
        var counts = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PipelineMeter.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var reason = tags.Length > 0 ? $"/{tags[0].Value}" : "";
            counts.AddOrUpdate(instrument.Name + reason, value, (_, v) => v + value);
        });
        listener.Start();
        using var state = new InMemoryStateStore(genesis.Alloc.Select(a => KeyValuePair.Create(a.Address, new Account(a.Nonce, a.Balance))));
        using var engine = SignatureEngineFactory.Create(BackendKind.Native, 2);

        await foreach (var _ in new BlockPipeline(engine, state).RunAsync(blocks))
        {
        }

        // Other tests may record into the same static meter at the same time: at least ours are there.
        Assert.True(counts.GetValueOrDefault("gpuvalidate.transactions.applied") >= 20);
        Assert.True(counts.GetValueOrDefault("gpuvalidate.transactions.rejected_by_state/nonce-too-low") >= 1);
        Assert.True(counts.GetValueOrDefault("gpuvalidate.blocks.committed") >= 2);
    }
}
