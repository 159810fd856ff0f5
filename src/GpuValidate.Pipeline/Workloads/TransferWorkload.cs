using System.Buffers.Binary;
using GpuValidate.Ethereum.Blocks;
using GpuValidate.Ethereum.Hashing;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.Ethereum.Transactions;
using NBitcoin.Secp256k1;
using Secp256k1Net;

namespace GpuValidate.Pipeline.Workloads;

/// <summary>
/// Block-STM's peer-to-peer benchmark shape: signed EIP-1559 transfers between random accounts among K, so that K
/// sets the contention (K = 2 chains every transaction to the one before; K = 10,000 leaves most independent), with
/// an optional hot recipient. Keys, choices and therefore every byte follow from the seed.
/// </summary>
public sealed class TransferWorkload
{
    /// <summary>Each transfer's fee cap: 2 gwei, twice the default base fee.</summary>
    public static readonly UInt256 MaxFeePerGas = new(2_000_000_000);

    /// <summary>Each transfer's priority fee cap: 1 gwei.</summary>
    public static readonly UInt256 MaxPriorityFeePerGas = new(1_000_000_000);

    [ThreadStatic]
    private static Secp256k1? _signer;

    private readonly byte[] _secrets;
    private readonly Address[] _addresses;
    private readonly ulong[] _nonces;
    private readonly Random _random;
    private readonly Address _coinbase;
    private ulong _nextBlock;
    private int _generated;

    /// <summary>Derives the accounts' keys from the seed (on all cores: this is most of the set-up cost).</summary>
    public TransferWorkload(TransferWorkloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        Options = options;
        _secrets = new byte[32 * options.Accounts];
        _addresses = new Address[options.Accounts];
        _nonces = new ulong[options.Accounts];
        Parallel.For(0, options.Accounts, i =>
        {
            var key = DeriveKey(options.Seed, i);
            key.WriteToSpan(_secrets.AsSpan(32 * i, 32));
            _addresses[i] = AddressOf(key);
        });
        _random = new Random(options.Seed);
        Span<byte> coinbase = stackalloc byte[Address.Size];
        _random.NextBytes(coinbase);
        _coinbase = new Address(coinbase);
        _nextBlock = options.FirstBlock;
    }

    /// <summary>The options the workload was made with.</summary>
    public TransferWorkloadOptions Options { get; }

    /// <summary>The accounts, in key order.</summary>
    public IReadOnlyList<Address> Addresses => _addresses;

    /// <summary>The fee recipient of every block (not one of the accounts).</summary>
    public Address Coinbase => _coinbase;

    /// <summary>The genesis: every account funded with the genesis balance.</summary>
    public Genesis Genesis() => new()
    {
        ChainId = Options.ChainId,
        Alloc = [.. _addresses.Select(a => new GenesisAccount(a, Options.GenesisBalance, 0))],
    };

    /// <summary>Every block in order, generated as it is enumerated (signing on all cores).</summary>
    public IEnumerable<Block> Blocks()
    {
        while (_generated < Options.Blocks)
        {
            yield return NextBlock();
        }
    }

    /// <summary>The next block: choices made in order, signatures on all cores.</summary>
    public Block NextBlock()
    {
        var n = Options.TransactionsPerBlock;
        var senders = new int[n];
        var transfers = new UnsignedTransaction[n];
        for (var i = 0; i < n; i++)
        {
            var from = _random.Next(_addresses.Length);
            int to;
            if (Options.HotFraction > 0 && _random.NextDouble() < Options.HotFraction && from != 0)
            {
                to = 0;
            }
            else
            {
                to = _random.Next(_addresses.Length - 1);
                to += to >= from ? 1 : 0;
            }

            senders[i] = from;
            transfers[i] = new UnsignedTransaction
            {
                Type = TransactionType.DynamicFee,
                ChainId = new UInt256(Options.ChainId),
                Nonce = _nonces[from]++,
                MaxFeePerGas = MaxFeePerGas,
                MaxPriorityFeePerGas = MaxPriorityFeePerGas,
                GasLimit = IntrinsicGas.Transaction,
                To = _addresses[to],
                Value = new UInt256((ulong)_random.NextInt64(1, 1_000_000_000_000)),
            };
        }

        var raw = new ReadOnlyMemory<byte>[n];
        Parallel.For(0, n, i => raw[i] = SignNative(transfers[i], _secrets.AsSpan(32 * senders[i], 32)));
        var number = _nextBlock++;
        _generated++;
        return new Block
        {
            Number = number,
            Coinbase = _coinbase,
            BaseFee = Options.BaseFee,
            GasLimit = Math.Max(30_000_000, (ulong)n * IntrinsicGas.Transaction),
            Timestamp = 1_700_000_000 + (number * 12),
            ChainId = Options.ChainId,
            Transactions = raw,
        };
    }

    /// <summary>Signs <paramref name="transaction"/> with <paramref name="key"/> (recoverable, low S) and encodes it.</summary>
    public static byte[] Sign(UnsignedTransaction transaction, ECPrivKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = TransactionEncoder.SigningHash(transaction);
        Span<byte> digest = stackalloc byte[32];
        hash.WriteTo(digest);
        if (!key.TrySignRecoverable(digest, out var signature) || signature is null)
        {
            throw new InvalidOperationException("signing failed");
        }

        Span<byte> compact = stackalloc byte[64];
        signature.WriteToSpanCompact(compact, out var recid);
        UInt256.TryFromBigEndian(compact[..32], out var r);
        UInt256.TryFromBigEndian(compact[32..], out var s);
        return TransactionEncoder.EncodeSigned(transaction, r, s, (byte)recid);
    }

    /// <summary>
    /// Signs like <see cref="Sign"/> with native libsecp256k1 (one context per thread): the same RFC 6979 nonce, so
    /// the same bytes, several times faster than the managed signer (tests hold the two equal).
    /// </summary>
    internal static byte[] SignNative(UnsignedTransaction transaction, ReadOnlySpan<byte> secret32)
    {
        var signer = _signer ??= new Secp256k1();
        var hash = TransactionEncoder.SigningHash(transaction);
        Span<byte> digest = stackalloc byte[32];
        hash.WriteTo(digest);
        Span<byte> recoverable = stackalloc byte[Secp256k1.UNSERIALIZED_SIGNATURE_SIZE + 1];
        Span<byte> compact = stackalloc byte[64];
        if (!signer.EcdsaSignRecoverable(recoverable, digest, secret32)
            || !signer.EcdsaRecoverableSignatureSerializeCompact(compact, out var recid, recoverable))
        {
            throw new InvalidOperationException("signing failed");
        }

        UInt256.TryFromBigEndian(compact[..32], out var r);
        UInt256.TryFromBigEndian(compact[32..], out var s);
        return TransactionEncoder.EncodeSigned(transaction, r, s, (byte)recid);
    }

    /// <summary>The address of <paramref name="key"/>: the last 20 bytes of Keccak-256 of the uncompressed public key.</summary>
    public static Address AddressOf(ECPrivKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> pub = stackalloc byte[65];
        key.CreatePubKey().WriteToSpan(false, pub, out _);
        Span<byte> hash = stackalloc byte[32];
        Keccak.Hash(pub[1..], hash);
        return new Address(hash[12..]);
    }

    /// <summary>Account <paramref name="index"/>'s key: Keccak-256 of the seed and index, rehashed until valid.</summary>
    public static ECPrivKey DeriveKey(int seed, int index)
    {
        Span<byte> material = stackalloc byte[32];
        material.Clear();
        BinaryPrimitives.WriteInt32BigEndian(material, seed);
        BinaryPrimitives.WriteInt32BigEndian(material[4..], index);
        "gpuvalidate"u8.CopyTo(material[8..]);
        Span<byte> secret = stackalloc byte[32];
        Keccak.Hash(material, secret);
        ECPrivKey? key;
        while (!ECPrivKey.TryCreate(secret, out key) || key is null)
        {
            secret.CopyTo(material);
            Keccak.Hash(material, secret);
        }

        return key;
    }
}
