using System.Numerics;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.Pipeline.Execution;
using GpuValidate.Pipeline.Scheduling;
using GpuValidate.State;

namespace GpuValidate.Pipeline.Tests.Execution;

/// <summary>Hand-computed balances for the transfer and fee rules, in both appliers.</summary>
public sealed class TransferRulesTests
{
    private static readonly Address Alice = Address.Parse("0x1000000000000000000000000000000000000001");
    private static readonly Address Bob = Address.Parse("0x2000000000000000000000000000000000000002");
    private static readonly Address Carol = Address.Parse("0x3000000000000000000000000000000000000003");
    private static readonly Address Miner = Address.Parse("0x4000000000000000000000000000000000000004");
    private static readonly BlockEnvironment Block = new(1, Miner, new UInt256(7), 30_000_000);

    public static TheoryData<string> Appliers => ["sequential", "parallel"];

    [Theory]
    [MemberData(nameof(Appliers))]
    public void Eip1559_transfer_burns_base_fee_and_pays_the_priority_fee_to_the_coinbase(string applier)
    {
        // maxFee 20, tip cap 5, base fee 7: effective price 12, the coinbase earns 5 per gas, 7 per gas burned.
        var tx = Transfer(Alice, Bob, nonce: 3, value: 1_000, maxFee: 20, tip: 5);
        var (result, store) = Apply(applier, [KeyValuePair.Create(Alice, new Account(3, new UInt256(1_000_000)))], tx);

        Assert.Equal(new TransactionReceipt(TransactionStatus.Success, 21_000, null), result.Receipts[0]);
        Assert.Equal(Big(1_000_000 - 1_000 - (21_000 * 12)), Big(store.GetAccount(Alice).Balance));
        Assert.Equal(4UL, store.GetAccount(Alice).Nonce);
        Assert.Equal(Big(1_000), Big(store.GetAccount(Bob).Balance));
        Assert.Equal(Big(21_000 * 5), Big(store.GetAccount(Miner).Balance));
    }

    [Theory]
    [MemberData(nameof(Appliers))]
    public void Legacy_gas_price_above_base_fee_is_all_priority_fee_beyond_the_base_fee(string applier)
    {
        var tx = Transfer(Alice, Bob, nonce: 0, value: 1, maxFee: 10, tip: 10) with { Type = 0 };
        var (_, store) = Apply(applier, [KeyValuePair.Create(Alice, new Account(0, new UInt256(500_000)))], tx);

        Assert.Equal(Big(500_000 - 1 - (21_000 * 10)), Big(store.GetAccount(Alice).Balance));
        Assert.Equal(Big(21_000 * 3), Big(store.GetAccount(Miner).Balance));
    }

    [Theory]
    [MemberData(nameof(Appliers))]
    public void Balance_must_cover_value_plus_gas_limit_times_fee_cap_not_just_the_charge(string applier)
    {
        // The charge would be 21,000 x 8 + 1, but the check is against 30,000 x 100 + 1.
        var tx = Transfer(Alice, Bob, nonce: 0, value: 1, maxFee: 100, tip: 1) with { GasLimit = 30_000 };
        var (result, store) = Apply(applier, [KeyValuePair.Create(Alice, new Account(0, new UInt256(3_000_000)))], tx);

        Assert.Equal(TransactionReceipt.Rejected("insufficient-funds"), result.Receipts[0]);
        Assert.Empty(result.Changes);
        Assert.Equal(Big(3_000_000), Big(store.GetAccount(Alice).Balance));
    }

    [Theory]
    [MemberData(nameof(Appliers))]
    public void Invalid_transactions_leave_state_untouched(string applier)
    {
        var genesis = KeyValuePair.Create(Alice, new Account(5, new UInt256(10_000_000)));
        ApplierTransaction[] txs =
        [
            Transfer(Alice, Bob, nonce: 4, value: 1, maxFee: 10, tip: 1),
            Transfer(Alice, Bob, nonce: 6, value: 1, maxFee: 10, tip: 1),
            Transfer(Alice, Bob, nonce: 5, value: 1, maxFee: 6, tip: 1),
            Transfer(Alice, Bob, nonce: 5, value: 1, maxFee: 10, tip: 11),
            Transfer(Alice, Bob, nonce: 5, value: 1, maxFee: 10, tip: 1) with { GasLimit = 20_999 },
            Transfer(Alice, Bob, nonce: 5, value: 1, maxFee: 10, tip: 1) with { StatelessError = "invalid-signature" },
        ];
        var (result, store) = Apply(applier, [genesis], txs);

        Assert.Equal(
            ["nonce-too-low", "nonce-too-high", "fee-below-base-fee", "fee-cap-below-tip", "intrinsic-gas-too-low", "invalid-signature"],
            result.Receipts.Select(r => r.Error));
        Assert.Empty(result.Changes);
        Assert.Equal(genesis.Value, store.GetAccount(Alice));
    }

    [Theory]
    [MemberData(nameof(Appliers))]
    public void Contract_transactions_without_an_executor_are_rejected_and_the_block_goes_on(string applier)
    {
        ApplierTransaction[] txs =
        [
            Transfer(Alice, Bob, nonce: 0, value: 1, maxFee: 10, tip: 1) with { To = null },
            Transfer(Alice, Bob, nonce: 0, value: 1, maxFee: 10, tip: 1) with { HasData = true },
            Transfer(Alice, Bob, nonce: 0, value: 1, maxFee: 10, tip: 1),
        ];
        var (result, store) = Apply(applier, [KeyValuePair.Create(Alice, new Account(0, new UInt256(1_000_000)))], txs);

        Assert.Equal(["requires-executor", "requires-executor", null], result.Receipts.Select(r => r.Error));
        Assert.Equal(1UL, store.GetAccount(Alice).Nonce);
    }

    [Theory]
    [MemberData(nameof(Appliers))]
    public void Coinbase_can_spend_fees_earned_earlier_in_the_block(string applier)
    {
        // The miner starts with nothing and can pay only with the fee Alice's transfer earned it earlier in the block.
        ApplierTransaction[] txs =
        [
            Transfer(Alice, Bob, nonce: 0, value: 0, maxFee: 10, tip: 3),
            Transfer(Miner, Carol, nonce: 0, value: 63_000 - (21_000 * 2), maxFee: 2, tip: 0),
            Transfer(Miner, Carol, nonce: 1, value: 0, maxFee: 7, tip: 0),
            Transfer(Carol, Miner, nonce: 0, value: 0, maxFee: 7, tip: 0),
        ];
        var block = Block with { BaseFee = new UInt256(2) };
        var (result, store) = Apply(applier, [KeyValuePair.Create(Alice, new Account(0, new UInt256(1_000_000)))], txs, block);

        // Tx 1: effective price 5, tip 3: Alice pays 105,000, the miner earns 63,000.
        // Tx 2: the miner pays 21,000 value + 21,000 x 2 gas out of exactly 63,000.
        // Tx 3: the miner now has 0 and cannot cover 21,000 x 7.
        // Tx 4: Carol has 21,000 and cannot cover 21,000 x 7 either.
        Assert.Equal([null, null, "insufficient-funds", "insufficient-funds"], result.Receipts.Select(r => r.Error));
        Assert.Equal(Big(1_000_000 - (21_000 * 5)), Big(store.GetAccount(Alice).Balance));
        Assert.Equal(default, store.GetAccount(Miner) with { Nonce = 0 });
        Assert.Equal(1UL, store.GetAccount(Miner).Nonce);
        Assert.Equal(Big(21_000), Big(store.GetAccount(Carol).Balance));
    }

    [Theory]
    [MemberData(nameof(Appliers))]
    public void A_transaction_whose_gas_limit_exceeds_the_gas_left_in_the_block_is_rejected(string applier)
    {
        ApplierTransaction[] txs =
        [
            Transfer(Alice, Bob, nonce: 0, value: 1, maxFee: 10, tip: 1),
            Transfer(Alice, Bob, nonce: 1, value: 1, maxFee: 10, tip: 1) with { GasLimit = 30_000 },
            Transfer(Alice, Bob, nonce: 1, value: 1, maxFee: 10, tip: 1),
        ];
        var block = Block with { GasLimit = 50_000 };
        var (result, _) = Apply(applier, [KeyValuePair.Create(Alice, new Account(0, new UInt256(10_000_000)))], txs, block);

        Assert.Equal([null, "gas-limit-exceeds-block", null], result.Receipts.Select(r => r.Error));
        Assert.Equal(42_000UL, result.GasUsed);
    }

    [Theory]
    [MemberData(nameof(Appliers))]
    public void Self_transfer_pays_only_the_fee(string applier)
    {
        var tx = Transfer(Alice, Alice, nonce: 0, value: 400, maxFee: 9, tip: 2);
        var (_, store) = Apply(applier, [KeyValuePair.Create(Alice, new Account(0, new UInt256(1_000_000)))], tx);

        Assert.Equal(new Account(1, new UInt256(1_000_000 - (21_000 * 9))), store.GetAccount(Alice));
    }

    private static (BlockApplyResult Result, InMemoryStateStore Store) Apply(
        string applier, KeyValuePair<Address, Account>[] genesis, params ApplierTransaction[] txs) =>
        Apply(applier, genesis, txs, Block);

    private static (BlockApplyResult Result, InMemoryStateStore Store) Apply(
        string applier, KeyValuePair<Address, Account>[] genesis, ApplierTransaction[] txs, BlockEnvironment block)
    {
        var store = new InMemoryStateStore(genesis);
        IBlockApplier chosen = applier == "sequential"
            ? new SequentialApplier()
            : new ParallelApplier(2) { MinParallelLayer = 1, MinChunk = 1, MinAverageLayer = 0 };
        var result = chosen.Apply(block, txs, store);
        store.Commit(block.Number, result.Changes);
        return (result, store);
    }

    private static ApplierTransaction Transfer(Address from, Address to, ulong nonce, ulong value, ulong maxFee, ulong tip) => new()
    {
        Sender = from,
        To = to,
        Nonce = nonce,
        Value = value,
        GasLimit = 21_000,
        MaxFeePerGas = maxFee,
        MaxPriorityFeePerGas = tip,
        IntrinsicGas = 21_000,
        Type = 2,
    };

    private static BigInteger Big(in UInt256 value) => value.ToBigInteger();

    private static BigInteger Big(long value) => value;
}
