using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.State;
using GpuValidate.State.Trie;

namespace GpuValidate.Benchmarks;

/// <summary>
/// The commit stage's state-root work: apply a block of <see cref="ChangedAccounts"/> changed accounts to an
/// account trie of <see cref="Accounts"/> accounts and compute the new root, sequentially and with the root's
/// subtrees hashed in parallel, with the dirty nodes hashed one at a time or a level at a time with batched SIMD
/// Keccak. Each invocation changes a different set of accounts (balances move on), so every
/// invocation rehashes the same amount. The changes go in as the stores commit them (<see cref="StateTrie.ApplyAll"/>,
/// the addresses hashed into keys in batches).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class StateRootBenchmarks
{
    private StateTrie _trie = new();
    private Address[] _addresses = [];
    private KeyValuePair<Address, Account>[] _changes = [];
    private ulong _round;

    /// <summary>Accounts in the trie before the block.</summary>
    [Params(10_000, 100_000)]
    public int Accounts { get; set; }

    /// <summary>Accounts changed per block (small blocks show where the parallel hand-off starts to pay).</summary>
    [Params(64, 256, 1000)]
    public int ChangedAccounts { get; set; }

    /// <summary>Whether the root's subtrees may hash on several threads.</summary>
    [Params(false, true)]
    public bool Parallel { get; set; }

    /// <summary>Whether dirty nodes hash a level at a time with batched SIMD Keccak, or one node at a time as before.</summary>
    [Params(false, true)]
    public bool Batched { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _addresses = new Address[Accounts];
        Span<byte> bytes = stackalloc byte[Address.Size];
        for (var i = 0; i < Accounts; i++)
        {
            random.NextBytes(bytes);
            _addresses[i] = new Address(bytes);
        }

        _trie = new StateTrie { ParallelThreshold = Parallel ? 1 : int.MaxValue, BatchedHashing = Batched };
        foreach (var address in _addresses)
        {
            _trie.Apply(address, new Account(1, new UInt256(1_000_000_000)));
        }

        _trie.ComputeRoot();
        _changes = new KeyValuePair<Address, Account>[ChangedAccounts];
    }

    /// <summary>One block: <see cref="ChangedAccounts"/> updates, then the root.</summary>
    [Benchmark]
    public Hash256 CommitBlock()
    {
        var round = ++_round;
        var start = (int)((round * (ulong)ChangedAccounts) % (ulong)Accounts);
        for (var i = 0; i < ChangedAccounts; i++)
        {
            var address = _addresses[(start + i) % Accounts];
            _changes[i] = KeyValuePair.Create(address, new Account(round + 1, new UInt256(1_000_000_000 + round)));
        }

        _trie.ApplyAll(_changes);

        return _trie.ComputeRoot();
    }
}
