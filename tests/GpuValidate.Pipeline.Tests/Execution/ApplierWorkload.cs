using GpuValidate.Ethereum.Primitives;
using GpuValidate.Pipeline.Execution;
using GpuValidate.State;

namespace GpuValidate.Pipeline.Tests.Execution;

/// <summary>
/// Random blocks of validated transactions among K accounts: hot recipients, a coinbase that also sends and
/// receives, and invalid transactions mixed in (bad nonces, fee below base fee, insufficient funds, stateless
/// rejections, contract transactions, gas limits the block cannot hold).
/// </summary>
internal sealed class ApplierWorkload
{
    private readonly Random _random;
    private readonly Address[] _accounts;
    private readonly Dictionary<Address, ulong> _nonces = [];
    private readonly int _hot;

    public ApplierWorkload(int seed, int accounts, double hotFraction = 0.3, int hotAccounts = 3)
    {
        _random = new Random(seed);
        _accounts = new Address[accounts];
        Span<byte> bytes = stackalloc byte[Address.Size];
        for (var i = 0; i < accounts; i++)
        {
            _random.NextBytes(bytes);
            _accounts[i] = new Address(bytes);
        }

        HotFraction = hotFraction;
        _hot = Math.Min(hotAccounts, accounts);
    }

    public double HotFraction { get; }

    public double InvalidFraction { get; init; } = 0.15;

    public double ContractFraction { get; init; } = 0.03;

    public double AccessListFraction { get; init; } = 0.05;

    /// <summary>The chance that a block's gas limit is too small for all its transactions.</summary>
    public double TightGasFraction { get; init; } = 0.2;

    public IReadOnlyList<Address> Accounts => _accounts;

    public List<KeyValuePair<Address, Account>> Genesis()
    {
        var alloc = new List<KeyValuePair<Address, Account>>(_accounts.Length);
        foreach (var address in _accounts)
        {
            var balance = _random.Next(10) switch
            {
                0 => UInt256.Zero,
                1 => new UInt256((ulong)_random.NextInt64(1, 3_000_000)),
                _ => new UInt256((ulong)_random.NextInt64(1, long.MaxValue), (ulong)_random.Next(0, 4)),
            };
            var nonce = (ulong)_random.Next(3);
            _nonces[address] = nonce;
            alloc.Add(KeyValuePair.Create(address, new Account(nonce, balance)));
        }

        return alloc;
    }

    public (BlockEnvironment Block, ApplierTransaction[] Transactions) Block(long number, int transactions)
    {
        var coinbase = _random.Next(3) == 0 ? _accounts[_random.Next(_accounts.Length)] : RandomAddress();
        var baseFee = new UInt256((ulong)_random.Next(1, 50));
        var gasLimit = _random.NextDouble() < TightGasFraction ? (ulong)transactions * 14_000 : ulong.MaxValue / 2;
        var block = new BlockEnvironment(number, coinbase, baseFee, gasLimit);
        var txs = new ApplierTransaction[transactions];
        for (var i = 0; i < transactions; i++)
        {
            txs[i] = Transaction(block);
        }

        return (block, txs);
    }

    private ApplierTransaction Transaction(in BlockEnvironment block)
    {
        var sender = _random.Next(20) == 0 ? block.Coinbase : Pick();
        var to = _random.Next(20) == 0 ? block.Coinbase : _random.NextDouble() < HotFraction ? _accounts[_random.Next(_hot)] : Pick();
        _nonces.TryGetValue(sender, out var nonce);
        var baseFee = block.BaseFee.Low64;
        var maxFee = baseFee + (ulong)_random.Next(0, 20);
        var type = (byte)_random.Next(3);
        var tip = type == 2 ? (ulong)_random.Next(0, (int)maxFee + 1) : maxFee;
        var tx = new ApplierTransaction
        {
            Hash = RandomHash(),
            Sender = sender,
            To = to,
            Nonce = nonce,
            Value = new UInt256((ulong)_random.Next(0, 1_000_000)),
            GasLimit = 21_000 + (ulong)(_random.Next(4) == 0 ? _random.Next(0, 30_000) : 0),
            MaxFeePerGas = maxFee,
            MaxPriorityFeePerGas = tip,
            IntrinsicGas = 21_000,
            Type = type,
        };

        if (_random.NextDouble() < AccessListFraction)
        {
            var list = new Address[_random.Next(1, 4)];
            for (var a = 0; a < list.Length; a++)
            {
                list[a] = _random.Next(4) == 0 ? block.Coinbase : Pick();
            }

            tx = tx with { AccessListAddresses = list.Distinct().ToArray(), IntrinsicGas = 21_000 + (2_400 * (ulong)list.Length), GasLimit = 40_000 };
        }

        if (_random.NextDouble() < ContractFraction)
        {
            tx = _random.Next(2) == 0 ? tx with { To = null } : tx with { HasData = true };
            tx = tx with { GasLimit = 60_000 };
        }

        if (_random.NextDouble() < InvalidFraction)
        {
            return _random.Next(6) switch
            {
                0 => tx with { Nonce = nonce + 1 + (ulong)_random.Next(3) },
                1 => nonce > 0 ? tx with { Nonce = nonce - 1 } : tx with { Nonce = nonce + 1 },
                2 => baseFee > 1 ? tx with { MaxFeePerGas = baseFee - 1, MaxPriorityFeePerGas = 0 } : tx with { Nonce = nonce + 5 },
                3 => tx with { Value = new UInt256(0, 0, 1) },
                4 => tx with { StatelessError = "invalid-signature" },
                _ => tx with { GasLimit = 20_000 },
            };
        }

        _nonces[sender] = nonce + 1;
        return tx;
    }

    private Address Pick() => _accounts[_random.Next(_accounts.Length)];

    private Address RandomAddress()
    {
        Span<byte> bytes = stackalloc byte[Address.Size];
        _random.NextBytes(bytes);
        return new Address(bytes);
    }

    private Hash256 RandomHash()
    {
        Span<byte> bytes = stackalloc byte[Hash256.Size];
        _random.NextBytes(bytes);
        return new Hash256(bytes);
    }
}
