using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using GpuValidate.Kernels.Hashing;
using GpuValidate.State.Trie;

namespace GpuValidate.Benchmarks;

/// <summary>
/// Keccak-256 over a trie level's worth of node encodings: <see cref="Messages"/> messages of
/// <see cref="Length"/> bytes (1,000 x 532: full branches, four blocks; 2,000 x 110: account leaves, one block) in
/// one buffer, hashed in a scalar loop with the kernels' <c>Keccak256</c> and with <c>KeccakBatch</c> on the
/// four-wide (AVX2) and the widest path this CPU has (eight-wide with AVX-512F).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class KeccakBatchBenchmarks
{
    private byte[] _data = [];
    private int[] _offsets = [];
    private int[] _lengths = [];
    private byte[] _digests = [];

    /// <summary>Messages per batch and their length in bytes, as "count x length".</summary>
    [Params("1000x532", "2000x110")]
    public string Shape { get; set; } = "1000x532";

    private int Messages => int.Parse(Shape.AsSpan(0, Shape.IndexOf('x', StringComparison.Ordinal)), provider: null);

    private int Length => int.Parse(Shape.AsSpan(Shape.IndexOf('x', StringComparison.Ordinal) + 1), provider: null);

    [GlobalSetup]
    public void Setup()
    {
        var count = Messages;
        var length = Length;
        _data = new byte[count * length];
        new Random(1).NextBytes(_data);
        _offsets = new int[count];
        _lengths = new int[count];
        for (var i = 0; i < count; i++)
        {
            _offsets[i] = i * length;
            _lengths[i] = length;
        }

        _digests = new byte[32 * count];
    }

    /// <summary>One message at a time.</summary>
    [Benchmark(Baseline = true)]
    public byte ScalarLoop()
    {
        for (var i = 0; i < _offsets.Length; i++)
        {
            Keccak256.ComputeHash(_data.AsSpan(_offsets[i], _lengths[i]), _digests.AsSpan(32 * i, 32));
        }

        return _digests[0];
    }

    /// <summary>Four at a time (the scalar loop where AVX2 is missing).</summary>
    [Benchmark]
    public byte BatchVector256()
    {
        KeccakBatch.Hash(_data, _offsets, _lengths, _digests, Avx2.IsSupported ? KeccakBatchPath.Vector256 : KeccakBatchPath.Scalar);
        return _digests[0];
    }

    /// <summary>The widest path available (what the trie uses).</summary>
    [Benchmark]
    public byte BatchBest()
    {
        KeccakBatch.Hash(_data, _offsets, _lengths, _digests);
        return _digests[0];
    }
}
