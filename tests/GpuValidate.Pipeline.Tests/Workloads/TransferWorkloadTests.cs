using GpuValidate.Ethereum.Primitives;
using GpuValidate.Ethereum.Transactions;
using GpuValidate.Pipeline.Workloads;
using Nethereum.Model;
using Nethereum.Signer;

namespace GpuValidate.Pipeline.Tests.Workloads;

public sealed class TransferWorkloadTests
{
    [Fact]
    public void Transfers_are_signed_by_genesis_accounts_with_consecutive_nonces_as_nethereum_recovers_them()
    {
        var workload = new TransferWorkload(new TransferWorkloadOptions { Blocks = 3, TransactionsPerBlock = 40, Accounts = 5, ChainId = 7 });
        var funded = workload.Genesis().Alloc.Select(a => a.Address.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var nonces = new Dictionary<string, ulong>(StringComparer.OrdinalIgnoreCase);

        foreach (var block in workload.Blocks())
        {
            foreach (var raw in block.Transactions)
            {
                var parsed = (Transaction1559)TransactionFactory.CreateTransaction(raw.ToArray());
                var sender = TransactionVerificationAndRecovery.GetSenderAddress(parsed);
                Assert.Contains(sender, funded);
                Assert.Contains(parsed.ReceiverAddress, funded);
                Assert.NotEqual(sender, parsed.ReceiverAddress, StringComparer.OrdinalIgnoreCase);
                Assert.Equal(7, (int)parsed.ChainId);
                nonces.TryGetValue(sender, out var expected);
                Assert.Equal(expected, (ulong)parsed.Nonce!.Value);
                nonces[sender] = expected + 1;
            }
        }

        Assert.Equal(120UL, nonces.Values.Aggregate(0UL, (a, b) => a + b));
    }

    [Fact]
    public void Native_signing_writes_the_same_bytes_as_the_managed_signer()
    {
        // libsecp256k1 and NBitcoin.Secp256k1 both sign with RFC 6979 nonces: the same key and payload must give the
        // same signature, recovery id and encoding, whatever the fields.
        var random = new Random(11);
        var secret = new byte[32];
        for (var i = 0; i < 200; i++)
        {
            var key = TransferWorkload.DeriveKey(random.Next(), i);
            key.WriteToSpan(secret);
            var to = new byte[20];
            random.NextBytes(to);
            var transaction = new UnsignedTransaction
            {
                Type = GpuValidate.Ethereum.Transactions.TransactionType.DynamicFee,
                ChainId = new UInt256((ulong)random.Next(1, 100_000)),
                Nonce = (ulong)random.NextInt64(),
                MaxFeePerGas = new UInt256((ulong)random.NextInt64()),
                MaxPriorityFeePerGas = new UInt256((ulong)random.Next()),
                GasLimit = IntrinsicGas.Transaction,
                To = new Address(to),
                Value = new UInt256((ulong)random.NextInt64()),
            };

            Assert.Equal(TransferWorkload.Sign(transaction, key), TransferWorkload.SignNative(transaction, secret));
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_does_not()
    {
        byte[][] Bytes(int seed) =>
            [.. new TransferWorkload(new TransferWorkloadOptions { Blocks = 2, TransactionsPerBlock = 10, Accounts = 20, Seed = seed })
                .Blocks().SelectMany(b => b.Transactions).Select(t => t.ToArray())];

        Assert.Equal(Bytes(3), Bytes(3));
        Assert.NotEqual(Bytes(3), Bytes(4));
    }

    [Fact]
    public void Hot_fraction_sends_that_share_of_transfers_to_the_first_account()
    {
        var workload = new TransferWorkload(new TransferWorkloadOptions { Blocks = 1, TransactionsPerBlock = 2_000, Accounts = 1_000, HotFraction = 0.5 });
        var hot = workload.Addresses[0].ToString();

        var toHot = workload.Blocks().Single().Transactions
            .Count(t => string.Equals(((Transaction1559)TransactionFactory.CreateTransaction(t.ToArray())).ReceiverAddress, hot, StringComparison.OrdinalIgnoreCase));

        Assert.InRange(toHot, 850, 1_150);
    }

    [Fact]
    public void Invalid_options_are_reported_not_used()
    {
        Assert.NotNull(new TransferWorkloadOptions { Accounts = 1 }.Validate());
        Assert.NotNull(new TransferWorkloadOptions { HotFraction = 1.5 }.Validate());
        Assert.Null(new TransferWorkloadOptions().Validate());
    }
}
