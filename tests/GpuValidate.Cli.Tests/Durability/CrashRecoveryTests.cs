using System.Diagnostics;
using System.Text.RegularExpressions;
using GpuValidate.Ethereum.Blocks;
using GpuValidate.Pipeline.Durability;
using GpuValidate.Pipeline.Workloads;
using GpuValidate.State.Rocks;
using Xunit.Abstractions;

namespace GpuValidate.Cli.Tests.Durability;

/// <summary>
/// Runs the real CLI as a child process with <c>--db</c>, kills it with SIGKILL at random points, restarts it, and
/// holds the result to an uninterrupted in-memory run: same final root, same root after every block, no block
/// lost or applied twice.
/// </summary>
public sealed partial class CrashRecoveryTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public void Killed_runs_resume_to_the_uninterrupted_state()
    {
        var random = CreateRandom();
        using var workload = new DurabilityWorkload(new TransferWorkloadOptions { Blocks = 900, TransactionsPerBlock = 20, Accounts = 200, Seed = random.Next() });
        var db = workload.NewDirectory("db");

        // Many small blocks: the pipeline holds a few blocks in flight, so each run commits several after its first;
        // three times more blocks than the kills use on an idle machine, so a busy one does not run off the end.
        // Calibrate: how long the blocks take from the first commit to the end.
        var reference = workload.NewDirectory("reference");
        var work = TimeUninterrupted(workload, reference);
        output.WriteLine($"uninterrupted durable run: {work.TotalMilliseconds:F0} ms from the first commit to the end");

        var kills = 20 * CrashScale;
        var resumePoints = new List<long>();
        var killedMidRun = 0;
        for (var i = 0; i < kills; i++)
        {
            using var run = StartRun(workload, db);
            Assert.True(run.WaitForOutput("state: ", Patience), $"run {i}: no state line: {run.Output}{run.Error}");
            var opened = LogBytes(db);
            var resumedAt = ResumePoint(run.Output);
            resumePoints.Add(resumedAt);

            // Kill once this run is committing, at a random point; a few blocks' worth, so the kills spread over the whole file.
            var delay = TimeSpan.FromMilliseconds(random.NextDouble() * work.TotalMilliseconds / 80);
            WaitForFirstCommit(db, run, opened);
            Thread.Sleep(delay);
            var finished = run.HasExited;
            run.Kill();
            killedMidRun += finished ? 0 : 1;
            output.WriteLine($"run {i}: resumed after block {resumedAt}, {(finished ? "had finished" : $"killed after {delay.TotalMilliseconds:F0} ms")}");
        }

        var (code, stdout, stderr) = CliProcess.Run(Patience, RunArgs(workload, db));
        Assert.True(code == 0, $"exit {code}: {stdout}{stderr}");
        resumePoints.Add(ResumePoint(stdout));

        // A committed block is never lost: each restart resumes at or after the previous one.
        Assert.Equal(resumePoints.OrderBy(p => p), resumePoints);
        Assert.True(killedMidRun >= kills / 2, $"only {killedMidRun} of {kills} kills landed while the run was going");
        Assert.True(resumePoints.Distinct().Count() >= 5, $"the kills resumed at only {resumePoints.Distinct().Count()} distinct blocks");

        Assert.Equal(workload.FinalRoot, ParseRoot(stdout));
        AssertBlockRoots(workload, db);
        AssertBlockRoots(workload, reference);
    }

    [SkippableFact]
    public void Interrupt_signal_stops_at_a_block_boundary_and_exits_130()
    {
        Skip.If(OperatingSystem.IsWindows(), "POSIX signals only");
        var random = CreateRandom();
        // Long enough that the run is still going when the signal lands, even when this test reads the progress
        // line seconds late (the test projects run side by side on a loaded machine).
        using var workload = new DurabilityWorkload(new TransferWorkloadOptions { Blocks = 500, TransactionsPerBlock = 150, Accounts = 200, Seed = random.Next() });
        var db = workload.NewDirectory("db");

        // The signal goes out once the run reports a chosen early block (a progress line per block), not after a
        // fixed delay: a fast machine finishes a short run before any delay runs out, and the signal then finds no
        // process.
        using (var run = CliProcess.Start([.. RunArgs(workload, db), "--progress-every", "0.000001"]))
        {
            var after = random.Next(1, 10);
            Assert.True(run.WaitForError($"progress: block {after},", Patience), $"no progress line for block {after}: {run.Output}{run.Error}");
            Assert.Equal(0, Interrupt(run.Id));
            Assert.True(run.WaitForExit(Patience), "the run did not stop after SIGINT");
            output.WriteLine(run.Output + run.Error);

            Assert.Equal(ShutdownSignal.ExitCode, run.ExitCode);
            Assert.Contains("block boundary", run.Output);
        }

        // The store closed cleanly at a committed block whose root is the uninterrupted run's.
        using (var store = RocksDbStateStore.Open(db, GenesisIdentity.Compute(workload.Genesis), GenesisIdentity.Alloc(workload.Genesis)))
        {
            if (store.LastBlockNumber >= workload.FirstBlock)
            {
                Assert.Equal(workload.BlockRoots[store.LastBlockNumber], store.StateRoot);
            }
        }

        var (code, stdout, stderr) = CliProcess.Run(Patience, RunArgs(workload, db));
        Assert.True(code == 0, $"exit {code}: {stdout}{stderr}");
        Assert.Equal(workload.FinalRoot, ParseRoot(stdout));
    }

    private static int CrashScale =>
        int.TryParse(Environment.GetEnvironmentVariable("GPUVALIDATE_TEST_SCALE"), out var scale) && scale > 0 ? scale : 1;

    private static string[] RunArgs(DurabilityWorkload workload, string db) =>
        ["run", "--genesis", workload.GenesisPath, "--blocks", workload.BlocksPath, "--db", db, "--backend", "native"];

    private static CliProcess StartRun(DurabilityWorkload workload, string db) => CliProcess.Start(RunArgs(workload, db));

    private static TimeSpan TimeUninterrupted(DurabilityWorkload workload, string db)
    {
        using var run = StartRun(workload, db);
        Assert.True(run.WaitForOutput("state: ", Patience), run.Output + run.Error);
        WaitForFirstCommit(db, run, LogBytes(db));
        var clock = Stopwatch.StartNew();
        Assert.True(run.WaitForExit(Patience));
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal(workload.FinalRoot, ParseRoot(run.Output));
        return clock.Elapsed;
    }

    /// <summary>
    /// Waits until the run has committed a block: each commit appends to the write-ahead log (<c>*.log</c>), which
    /// does not change between the store being opened (the state line) and the first commit. Returns early if the
    /// process exits.
    /// </summary>
    private static void WaitForFirstCommit(string db, CliProcess run, long openedLogBytes)
    {
        var clock = Stopwatch.StartNew();
        while (!run.HasExited && clock.Elapsed < Patience && LogBytes(db) <= openedLogBytes)
        {
            Thread.Sleep(1);
        }
    }

    private static long LogBytes(string db)
    {
        try
        {
            return new DirectoryInfo(db).EnumerateFiles("*.log").Sum(f => f.Length);
        }
        catch (IOException)
        {
            // A log deleted while listing: look again on the next poll.
            return -1;
        }
    }

    private static void AssertBlockRoots(DurabilityWorkload workload, string db)
    {
        using var store = RocksDbStateStore.Open(db, GenesisIdentity.Compute(workload.Genesis), GenesisIdentity.Alloc(workload.Genesis));
        Assert.Equal(workload.LastBlock, store.LastBlockNumber);
        Assert.Equal(workload.FinalRoot, store.StateRoot);
        for (var n = workload.FirstBlock; n <= workload.LastBlock; n++)
        {
            Assert.True(store.TryGetBlockRoot(n, out var root), $"block {n} has no recorded root");
            Assert.Equal(workload.BlockRoots[n], root);
        }
    }

    private static long ResumePoint(string stdout)
    {
        var resumed = ResumedPattern().Match(stdout);
        if (resumed.Success)
        {
            return long.Parse(resumed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Matches(@"state: RocksDB at .*(created from the genesis|at the genesis)", stdout);
        return -1;
    }

    private static Ethereum.Primitives.Hash256 ParseRoot(string stdout)
    {
        var match = RootPattern().Match(stdout);
        Assert.True(match.Success, $"no state-root line in: {stdout}");
        Assert.True(Ethereum.Primitives.Hash256.TryParse(match.Groups[1].Value, out var root));
        return root;
    }

    private Random CreateRandom()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("GPUVALIDATE_TEST_SEED"), out var fixedSeed) ? fixedSeed : Random.Shared.Next();
        output.WriteLine($"seed {seed} (GPUVALIDATE_TEST_SEED={seed} reproduces)");
        return new Random(seed);
    }

    private static int Interrupt(int pid) => NativeSignals.Kill(pid, NativeSignals.SigInt);

    [GeneratedRegex(@"resuming after block (-?\d+)")]
    private static partial Regex ResumedPattern();

    [GeneratedRegex(@"state-root: (0x[0-9a-fA-F]{64})")]
    private static partial Regex RootPattern();
}
