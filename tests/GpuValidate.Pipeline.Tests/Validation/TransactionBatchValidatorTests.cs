using GpuValidate.Engine;
using GpuValidate.Engine.Backends;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.Ethereum.Tests.Transactions;
using GpuValidate.Ethereum.Transactions;
using GpuValidate.Pipeline.Validation;
using Xunit.Abstractions;

namespace GpuValidate.Pipeline.Tests.Validation;

public sealed class TransactionBatchValidatorTests(ITestOutputHelper output)
{
    private static readonly Address Recipient = Address.Parse("0x00000000000000000000000000000000000000aa");

    private static UnsignedTransaction Transfer(TransactionType type = TransactionType.DynamicFee, ulong? chainId = 1) => new()
    {
        Type = type,
        ChainId = chainId,
        Nonce = 5,
        MaxPriorityFeePerGas = 1,
        MaxFeePerGas = 10,
        GasLimit = 21_000,
        To = Recipient,
        Value = 1000,
    };

    private static TransactionVerdict ValidateOne(byte[] raw, ForkRules? fork = null, ulong chainId = 1)
    {
        using var engine = SignatureEngineFactory.Create(BackendKind.Native);
        var validator = new TransactionBatchValidator(engine, new ValidationOptions { ChainId = chainId, Fork = fork ?? ForkRules.Latest });
        return Assert.Single(validator.Validate([raw]));
    }

    [Theory]
    [InlineData(BackendKind.Native)]
    [InlineData(BackendKind.Managed)]
    public void Nethereum_signed_transactions_get_nethereum_hash_signing_hash_and_sender(BackendKind backend)
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var count = TestScale.Of(backend == BackendKind.Native ? 1000 : 250);
        var expected = Enumerable.Range(0, count)
            .Select(i => NethereumTransactions.Create(random, i % NethereumTransactions.KindCount, fixedChainId: 1))
            .ToList();
        using var engine = SignatureEngineFactory.Create(backend);
        var validator = new TransactionBatchValidator(engine, new ValidationOptions { ChainId = 1 });

        var verdicts = validator.Validate(expected.Select(e => (ReadOnlyMemory<byte>)e.Raw).ToList());

        var valid = 0;
        for (var i = 0; i < count; i++)
        {
            var e = expected[i];
            var v = verdicts[i];
            var context = $"seed {seed}, item {i}, kind {e.Kind}";
            Assert.True(v.IsDecoded, context);
            Assert.Equal(Convert.ToHexStringLower(e.Hash), Convert.ToHexStringLower(v.Hash.ToArray()));
            Assert.Equal(Convert.ToHexStringLower(e.SigningHash), Convert.ToHexStringLower(v.SigningHash.ToArray()));

            // Random gas limits and fees break the static rules for some; the sender is recovered (and must match) for all.
            Assert.Equal(e.Sender, v.Sender.ToString());
            Assert.Equal(TransactionRules.Check(v.Transaction!, ForkRules.Latest, 1), v.Error);
            valid += v.IsValid ? 1 : 0;
        }

        output.WriteLine($"{backend}: {count} transactions with Nethereum's hash, signing hash and sender; {valid} valid, the rest rejected by the static rules");
        Assert.True(valid > count / 4, $"only {valid} of {count} were valid: the generator should mostly make valid transactions");
    }

    [Fact]
    public void Malformed_transactions_do_not_affect_their_neighbours()
    {
        var key = TestSigner.Key(1);
        var good = TestSigner.SignedRaw(Transfer(), key);
        var batch = new List<ReadOnlyMemory<byte>> { good, Array.Empty<byte>(), good[..^1], new byte[] { 0x05, 0xc0 }, good, new byte[] { 0xff, 0xff } };
        using var engine = SignatureEngineFactory.Create(BackendKind.Native);
        var validator = new TransactionBatchValidator(engine);

        var verdicts = validator.Validate(batch);

        var sender = TestSigner.AddressOf(key);
        Assert.Equal(
            [TransactionError.None, TransactionError.BadInput, TransactionError.MalformedRlp, TransactionError.UnsupportedType, TransactionError.None, TransactionError.MalformedRlp],
            verdicts.Select(v => v.Error));
        Assert.Equal(sender, verdicts[0].Sender);
        Assert.Equal(sender, verdicts[4].Sender);
    }

    [Fact]
    public void Batch_verdicts_equal_one_at_a_time_verdicts()
    {
        var random = new Random(5);
        var raws = new List<ReadOnlyMemory<byte>>();
        for (var i = 0; i < 60; i++)
        {
            var raw = TestSigner.SignedRaw(Transfer(chainId: (ulong)(1 + (i % 3))) with { Nonce = (ulong)i }, TestSigner.Key(i));
            if (i % 4 == 1)
            {
                raw[random.Next(raw.Length)] ^= (byte)(1 << random.Next(8));
            }

            raws.Add(raw);
        }

        using var engine = SignatureEngineFactory.Create(BackendKind.Native);
        var validator = new TransactionBatchValidator(engine, new ValidationOptions { ChainId = 2 });
        var batch = validator.Validate(raws);

        for (var i = 0; i < raws.Count; i++)
        {
            var alone = Assert.Single(validator.Validate([raws[i]]));
            Assert.Equal(alone.Error, batch[i].Error);
            Assert.Equal(alone.Hash, batch[i].Hash);
            Assert.Equal(alone.SigningHash, batch[i].SigningHash);
            Assert.Equal(alone.Sender, batch[i].Sender);
        }

        Assert.Contains(batch, v => v.IsValid);
        Assert.Contains(batch, v => v.Error == TransactionError.WrongChainId);
    }

    [Fact]
    public void High_s_twin_of_a_valid_signature_is_rejected_from_homestead_and_accepted_in_frontier()
    {
        var key = TestSigner.Key(2);
        var tx = Transfer(TransactionType.Legacy, chainId: null) with { GasPrice = 10 };
        var (r, s, y) = TestSigner.Sign(tx, key);
        var highS = TransactionEncoder.EncodeSigned(tx, r, TransactionRules.SecpN - s, (byte)(1 - y));

        var frontier = ValidateOne(highS, ForkRules.For(Fork.Frontier));
        var homestead = ValidateOne(highS, ForkRules.For(Fork.Homestead));

        Assert.True(frontier.IsValid);
        Assert.Equal(TestSigner.AddressOf(key), frontier.Sender);
        Assert.Equal(TransactionError.HighS, homestead.Error);
    }

    [Fact]
    public void Wrong_chain_id_is_rejected()
    {
        Assert.Equal(TransactionError.WrongChainId, ValidateOne(TestSigner.SignedRaw(Transfer(chainId: 5), TestSigner.Key(3)), chainId: 1).Error);
    }

    [Fact]
    public void Legacy_eip155_transaction_is_rejected_before_spurious_dragon_and_accepted_after()
    {
        var raw = TestSigner.SignedRaw(Transfer(TransactionType.Legacy) with { GasPrice = 10 }, TestSigner.Key(4));

        Assert.Equal(TransactionError.BadV, ValidateOne(raw, ForkRules.For(Fork.Homestead)).Error);
        Assert.True(ValidateOne(raw, ForkRules.For(Fork.SpuriousDragon)).IsValid);
    }

    [Theory]
    [InlineData(TransactionType.AccessList, Fork.Istanbul, Fork.Berlin)]
    [InlineData(TransactionType.DynamicFee, Fork.Berlin, Fork.London)]
    [InlineData(TransactionType.SetCode, Fork.Cancun, Fork.Prague)]
    public void Typed_transaction_is_unsupported_before_its_fork(TransactionType type, Fork before, Fork from)
    {
        var tx = Transfer(type) with
        {
            GasLimit = 100_000,
            AuthorizationList = type == TransactionType.SetCode ? [new Authorization(1, Recipient, 0, 0, 1, 1)] : [],
        };
        var raw = TestSigner.SignedRaw(tx, TestSigner.Key(5));

        Assert.Equal(TransactionError.UnsupportedType, ValidateOne(raw, ForkRules.For(before)).Error);
        Assert.True(ValidateOne(raw, ForkRules.For(from)).IsValid);
    }

    [Fact]
    public void Fee_cap_below_tip_is_rejected()
    {
        var raw = TestSigner.SignedRaw(Transfer() with { MaxPriorityFeePerGas = 11, MaxFeePerGas = 10 }, TestSigner.Key(6));
        Assert.Equal(TransactionError.FeeCapBelowTip, ValidateOne(raw).Error);
    }

    [Fact]
    public void Gas_limit_below_intrinsic_gas_is_rejected()
    {
        var raw = TestSigner.SignedRaw(Transfer() with { GasLimit = 20_999 }, TestSigner.Key(7));
        Assert.Equal(TransactionError.IntrinsicGasTooLow, ValidateOne(raw).Error);
    }

    [Fact]
    public void Init_code_over_the_limit_is_rejected_from_shanghai()
    {
        var raw = TestSigner.SignedRaw(Transfer() with { To = null, Data = new byte[49_153], GasLimit = 10_000_000 }, TestSigner.Key(8));

        Assert.True(ValidateOne(raw, ForkRules.For(Fork.London)).IsValid);
        Assert.Equal(TransactionError.InitCodeTooLarge, ValidateOne(raw, ForkRules.For(Fork.Shanghai)).Error);
    }

    [Fact]
    public void Set_code_transaction_without_authorizations_is_rejected()
    {
        var raw = TestSigner.SignedRaw(Transfer(TransactionType.SetCode) with { GasLimit = 100_000 }, TestSigner.Key(9));
        Assert.Equal(TransactionError.EmptyAuthorizationList, ValidateOne(raw).Error);
    }

    [Fact]
    public void Blob_transaction_is_valid_with_versioned_hashes_and_rejected_without()
    {
        var blob = Transfer(TransactionType.Blob) with { MaxFeePerBlobGas = 1, BlobVersionedHashes = [new Hash256([0x01, .. new byte[31]])] };
        var key = TestSigner.Key(10);

        var valid = ValidateOne(TestSigner.SignedRaw(blob, key));
        var none = ValidateOne(TestSigner.SignedRaw(blob with { BlobVersionedHashes = [] }, key));
        var badVersion = ValidateOne(TestSigner.SignedRaw(blob with { BlobVersionedHashes = [new Hash256(new byte[32])] }, key));

        Assert.True(valid.IsValid);
        Assert.Equal(TestSigner.AddressOf(key), valid.Sender);
        Assert.Equal(TransactionError.NoBlobHashes, none.Error);
        Assert.Equal(TransactionError.BadBlobHashVersion, badVersion.Error);
    }

    [Fact]
    public void Signature_that_recovers_no_key_is_bad_signature()
    {
        var tx = Transfer();
        var raw = TransactionEncoder.EncodeSigned(tx, TransactionRules.SecpN - 1, 1, 0);
        var verdict = ValidateOne(raw);

        Assert.True(verdict.IsDecoded);
        Assert.Equal(TransactionError.BadSignature, verdict.Error);
    }
}
