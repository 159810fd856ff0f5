using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using GpuValidate.Engine;
using GpuValidate.Engine.Backends;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.Ethereum.Transactions;
using GpuValidate.Pipeline.Validation;
using NBitcoin.Secp256k1;

namespace GpuValidate.Benchmarks;

/// <summary>
/// Stateless transaction validation throughput: decode + static checks alone, and the full batch path
/// (decode, signing payloads laid out flat, one engine call for signing hash + sender recovery, one for the
/// transaction hashes) per backend. Times are per transaction (<see cref="BatchSize"/> per invoke), so
/// transactions per second = 1 / mean.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class TransactionBenchmarks
{
    /// <summary>Transactions per batch: one engine call each.</summary>
    public const int BatchSize = 2048;

    private List<ReadOnlyMemory<byte>> _raws = [];
    private ISignatureEngine? _engine;
    private TransactionBatchValidator? _validator;
    private TransactionVerdict[] _verdicts = [];

    /// <summary>The engine backend.</summary>
    [Params(BackendKind.Native, BackendKind.Managed)]
    public BackendKind Backend { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _raws = Enumerable.Range(0, BatchSize).Select(i => (ReadOnlyMemory<byte>)Signed(random, i)).ToList();
        _engine = SignatureEngineFactory.Create(Backend);
        _validator = new TransactionBatchValidator(_engine, new ValidationOptions { ChainId = 1 });
        _verdicts = new TransactionVerdict[BatchSize];
        _validator.Validate(_raws, _verdicts);
        if (_verdicts.Any(v => !v.IsValid))
        {
            throw new InvalidOperationException("the benchmark workload must be valid");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _engine?.Dispose();

    /// <summary>Decode and static checks only, on the calling thread.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int DecodeAndCheck()
    {
        var valid = 0;
        foreach (var raw in _raws)
        {
            if (TransactionDecoder.TryDecodeShared(raw, out var tx, out _)
                && TransactionRules.Check(tx, ForkRules.Latest, 1) == TransactionError.None)
            {
                valid++;
            }
        }

        return valid;
    }

    /// <summary>The whole stateless path: decode, checks, hashes and sender recovery in one batch.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int DecodeHashRecover()
    {
        _validator!.Validate(_raws, _verdicts);
        return _verdicts.Length;
    }

    // A mix of EIP-1559 (half), EIP-155 legacy and EIP-2930 transfers and calls, signed with NBitcoin.
    private static byte[] Signed(Random random, int i)
    {
        var key = new byte[32];
        random.NextBytes(key);
        key[0] = 1;
        var data = new byte[i % 4 == 0 ? 68 : 0];
        random.NextBytes(data);
        var to = new byte[20];
        random.NextBytes(to);
        var type = (i % 4) switch { 0 or 1 => TransactionType.DynamicFee, 2 => TransactionType.Legacy, _ => TransactionType.AccessList };
        var tx = new UnsignedTransaction
        {
            Type = type,
            ChainId = 1,
            Nonce = (ulong)i,
            MaxPriorityFeePerGas = 1_000_000_000,
            MaxFeePerGas = 30_000_000_000,
            GasLimit = 100_000,
            To = new Address(to),
            Value = (ulong)random.NextInt64(),
            Data = data,
        };
        if (type != TransactionType.DynamicFee)
        {
            tx = tx with { GasPrice = 20_000_000_000 };
        }

        if (!ECPrivKey.TryCreate(key, out var privateKey) || !privateKey.TrySignRecoverable(TransactionEncoder.SigningHash(tx).ToArray(), out var signature))
        {
            throw new InvalidOperationException("signing failed");
        }

        Span<byte> compact = stackalloc byte[64];
        signature!.WriteToSpanCompact(compact, out var recid);
        UInt256.TryFromBigEndian(compact[..32], out var r);
        UInt256.TryFromBigEndian(compact[32..], out var s);
        return TransactionEncoder.EncodeSigned(tx, r, s, (byte)recid);
    }
}
