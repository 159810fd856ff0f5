using GpuValidate.Engine.Backends.Cpu;
using GpuValidate.Engine.Backends.Hybrid;
using GpuValidate.Engine.Conformance;
using GpuValidate.Engine.Tests.Support;
using Microsoft.Extensions.Logging;

namespace GpuValidate.Engine.Tests.Hybrid;

/// <summary>
/// The GPU+CPU split, with fake devices (real CPU engines behind a test double that records, slows or faults) so
/// the split logic is tested on every machine. The reference is the plain native engine on the same batch.
/// </summary>
public sealed class HybridEngineTests
{
    private const int Seed = 4242;

    private static readonly Lazy<SignedItems> Items = new(() => SignedItems.Create(TestScale.Of(240), Seed));
    private static readonly Lazy<EngineResults> Reference = new(() =>
    {
        using var native = CpuEngine.CreateNative(1);
        return EngineResults.Of(native, Items.Value);
    });

    private static FakeDeviceEngine Fake(string name, int failFromCall = int.MaxValue, double secondsPerItem = 0) =>
        new(CpuEngine.CreateManaged(1), name, failFromCall, secondsPerItem);

    private static HybridEngine Hybrid(IReadOnlyList<ISignatureEngine> gpus, int crossover, ILogger? logger = null) =>
        new(gpus, CpuEngine.CreateNative(1), new HybridOptions { Crossover = crossover, CalibrationItems = 0 }, logger);

    [Fact]
    public void Split_batches_give_the_same_results_as_the_cpu_engine()
    {
        var gpu = Fake("gpu0");
        using var hybrid = Hybrid([gpu], crossover: 16);

        var results = EngineResults.Of(hybrid, Items.Value);

        results.AssertEqual(Reference.Value);
        Assert.Equal(Items.Value.Count / 2, gpu.Calls[0]);
    }

    [Fact]
    public void Batches_below_the_crossover_run_on_the_cpu_alone()
    {
        var gpu = Fake("gpu0");
        using var hybrid = Hybrid([gpu], crossover: 64);
        var items = SignedItems.Create(63, Seed);
        var results = new SignatureError[63];

        hybrid.VerifyEcdsa(items.Digests, items.EcdsaSignatures, items.EcdsaKeys, items.EcdsaKeyLengths, true, results);

        Assert.Empty(gpu.Calls);
    }

    [Fact]
    public void Batches_at_the_crossover_are_split()
    {
        var gpu = Fake("gpu0");
        using var hybrid = Hybrid([gpu], crossover: 32);
        var items = SignedItems.Create(64, Seed);
        var results = new SignatureError[64];

        hybrid.VerifyEcdsa(items.Digests, items.EcdsaSignatures, items.EcdsaKeys, items.EcdsaKeyLengths, true, results);

        Assert.Equal([32], gpu.Calls);
    }

    [Fact]
    public void Several_gpus_each_take_a_share_and_results_match()
    {
        FakeDeviceEngine[] gpus = [Fake("gpu0"), Fake("gpu1"), Fake("gpu2")];
        using var hybrid = Hybrid(gpus, crossover: 16);

        var results = EngineResults.Of(hybrid, Items.Value);

        results.AssertEqual(Reference.Value);
        // Devices start equal, so the first batch is cut in four equal shares; later ones follow measured rates.
        Assert.All(gpus, g => Assert.Equal(Items.Value.Count / 4, g.Calls[0]));
    }

    [Fact]
    public void Each_gpu_is_served_by_its_own_queue_thread()
    {
        FakeDeviceEngine[] gpus = [Fake("gpu0"), Fake("gpu1")];
        using var hybrid = Hybrid(gpus, crossover: 16);

        EngineResults.Of(hybrid, Items.Value);

        Assert.All(gpus, g => Assert.Single(g.Threads));
        Assert.NotEqual(gpus[0].Threads.Single(), gpus[1].Threads.Single());
        Assert.DoesNotContain(Environment.CurrentManagedThreadId, gpus[0].Threads);
    }

    [Fact]
    public void A_gpu_that_faults_is_dropped_and_its_share_rerun_on_the_cpu()
    {
        var logger = new ListLogger();
        // Backed by native so its measured share stays large until it faults on its third call.
        var faulty = new FakeDeviceEngine(CpuEngine.CreateNative(1), "gpu0", failFromCall: 2);
        var healthy = Fake("gpu1");
        using var hybrid = Hybrid([faulty, healthy], crossover: 16, logger);

        var results = EngineResults.Of(hybrid, Items.Value);

        results.AssertEqual(Reference.Value);
        Assert.Equal(1, hybrid.LiveGpuCount);
        Assert.Equal(3, faulty.Calls.Count);
        Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("gpu0", StringComparison.Ordinal));
    }

    [Fact]
    public void A_failing_cpu_share_is_rethrown_only_after_the_gpus_are_done_with_the_buffers()
    {
        var slow = new FakeDeviceEngine(CpuEngine.CreateManaged(1), "gpu0", secondsPerCall: 0.3);
        var cpu = new FakeDeviceEngine(CpuEngine.CreateNative(1), "cpu", failFromCall: 0);
        using var hybrid = new HybridEngine([slow], cpu, new HybridOptions { Crossover = 16, CalibrationItems = 0 });
        var items = SignedItems.Create(64, Seed);

        Assert.Throws<InvalidOperationException>(() =>
            hybrid.VerifyEcdsa(items.Digests, items.EcdsaSignatures, items.EcdsaKeys, items.EcdsaKeyLengths, true, new SignatureError[64]));

        Assert.Equal(1, slow.Completed);
    }

    [Fact]
    public void When_every_gpu_faults_the_cpu_finishes_the_run()
    {
        FakeDeviceEngine[] gpus = [Fake("gpu0", failFromCall: 0), Fake("gpu1", failFromCall: 0)];
        using var hybrid = Hybrid(gpus, crossover: 16);

        var results = EngineResults.Of(hybrid, Items.Value);

        results.AssertEqual(Reference.Value);
        Assert.Equal(0, hybrid.LiveGpuCount);
        Assert.All(gpus, g => Assert.Single(g.Calls));
    }

    [Fact]
    public void Items_and_device_faults_are_counted_per_device()
    {
        var id = Guid.NewGuid().ToString("N");
        var faulty = Fake($"faulty-{id}", failFromCall: 0);
        var healthy = Fake($"healthy-{id}");
        using var hybrid = Hybrid([faulty, healthy], crossover: 16);
        long healthyItems = 0, faultyItems = 0, faults = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == HybridMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key != "device")
                {
                    continue;
                }

                if ((string?)tag.Value == healthy.Description && instrument.Name == "gpuvalidate.engine.items")
                {
                    Interlocked.Add(ref healthyItems, value);
                }
                else if ((string?)tag.Value == faulty.Description)
                {
                    Interlocked.Add(ref instrument.Name == "gpuvalidate.engine.device_faults" ? ref faults : ref faultyItems, value);
                }
            }
        });
        listener.Start();
        var items = SignedItems.Create(64, Seed);

        hybrid.VerifyEcdsa(items.Digests, items.EcdsaSignatures, items.EcdsaKeys, items.EcdsaKeyLengths, true, new SignatureError[64]);

        Assert.Equal(healthy.Calls.Single(), healthyItems);
        Assert.Equal(0, faultyItems);
        Assert.Equal(1, faults);
    }

    [Fact]
    public void Calibration_gives_the_faster_device_the_larger_share()
    {
        // The slow device takes 2 ms per item (a few hundred items/s); one native thread verifies thousands per second.
        var slow = Fake("slow", secondsPerItem: 0.002);
        var fast = new FakeDeviceEngine(CpuEngine.CreateNative(1), "fast");
        using var hybrid = new HybridEngine([slow, fast], CpuEngine.CreateNative(1), new HybridOptions { Crossover = 16, CalibrationItems = 128 });

        hybrid.Calibrate();
        var plan = hybrid.Plan(HybridOperation.VerifyEcdsa, 10_000);

        Assert.True(plan[1] > 4 * plan[0], $"plan {string.Join('/', plan)}");
        Assert.Equal(10_000, plan.Sum());
    }

    [Fact]
    public void Calibration_measures_the_crossover_from_the_launch_latency()
    {
        // A 200 ms "launch" against a CPU that verifies thousands of items per second, even on a loaded machine.
        var gpu = new FakeDeviceEngine(CpuEngine.CreateNative(1), "laggy", secondsPerCall: 0.2);
        using var hybrid = new HybridEngine([gpu], CpuEngine.CreateNative(1), new HybridOptions { CalibrationItems = 64 });

        hybrid.Calibrate();

        Assert.True(hybrid.Crossover > HybridOptions.DefaultCrossover, $"crossover {hybrid.Crossover}");
    }

    [Fact]
    public void Rates_adapt_as_batches_complete()
    {
        var gpu = Fake("gpu0", secondsPerItem: 0.001);
        using var hybrid = Hybrid([gpu], crossover: 16);
        var before = hybrid.RateOf(0, HybridOperation.VerifyEcdsa);
        var items = SignedItems.Create(64, Seed);

        hybrid.VerifyEcdsa(items.Digests, items.EcdsaSignatures, items.EcdsaKeys, items.EcdsaKeyLengths, true, new SignatureError[64]);

        // 32 items at >= 1 ms each: at most ~1000 items/s measured, folded into the starting rate of 1 with weight 0.3.
        var after = hybrid.RateOf(0, HybridOperation.VerifyEcdsa);
        Assert.NotEqual(before, after);
        Assert.InRange(after, 0.7 * before, (0.7 * before) + (0.3 * 1000));
        Assert.Equal(before, hybrid.RateOf(0, HybridOperation.VerifySchnorr));
    }

    [Fact]
    public void Moving_average_weights_the_newest_measurement_by_the_smoothing()
    {
        var lane = new HybridLane(Fake("gpu0"), isGpu: true);
        lane.SetAllRates(1000);

        lane.Observe(HybridOperation.Recover, 100, TimeSpan.FromSeconds(1), 0.25);

        Assert.Equal(775, lane.RateOf(HybridOperation.Recover), 6);
        Assert.Equal(1000, lane.RateOf(HybridOperation.Keccak256));
    }

    [Fact]
    public void Concurrent_callers_all_get_correct_results()
    {
        using var hybrid = Hybrid([Fake("gpu0"), Fake("gpu1")], crossover: 8);
        var batches = Enumerable.Range(0, 4).Select(i => SignedItems.Create(48, Seed + i)).ToArray();
        using var native = CpuEngine.CreateNative(1);
        var expected = batches.Select(b => EngineResults.Of(native, b)).ToArray();

        var actual = new EngineResults[batches.Length];
        Parallel.For(0, batches.Length, i => actual[i] = EngineResults.Of(hybrid, batches[i]));

        for (var i = 0; i < batches.Length; i++)
        {
            actual[i].AssertEqual(expected[i]);
        }
    }

    [Fact]
    public void Dispose_disposes_every_device_once()
    {
        var gpu = Fake("gpu0");
        var hybrid = Hybrid([gpu], crossover: 16);

        hybrid.Dispose();
        hybrid.Dispose();

        Assert.True(gpu.Disposed);
        Assert.Throws<ObjectDisposedException>(() => hybrid.Keccak256([], [], [], []));
    }
}
