using GpuValidate.Engine;
using GpuValidate.Engine.Backends;
using GpuValidate.Ethereum.Tests.Transactions;
using GpuValidate.Pipeline.Validation;
using Xunit.Abstractions;

namespace GpuValidate.Pipeline.Tests.Validation;

/// <summary>The three steps of <see cref="TransactionBatchValidator"/> used apart: decode, recover, check.</summary>
public sealed class TransactionBatchValidatorStepsTests(ITestOutputHelper output)
{
    [Fact]
    public void Decode_lays_out_each_signing_payload_as_nethereum_hashes_it_skipping_what_does_not_decode()
    {
        var random = new Random(TestRandom.Seed(output, 7001));
        var count = TestScale.Of(120);
        var items = new List<(ReadOnlyMemory<byte> Raw, NethereumTransactions.Signed? Expected)>();
        for (var i = 0; i < count; i++)
        {
            if (random.Next(5) == 0)
            {
                var garbage = new byte[random.Next(0, 30)];
                random.NextBytes(garbage);
                if (garbage.Length > 0)
                {
                    garbage[0] = 0xf9; // a long list whose two-byte length the rest cannot hold
                }

                items.Add((garbage, null));
            }
            else
            {
                var signed = NethereumTransactions.Create(random, i % NethereumTransactions.KindCount, fixedChainId: 1);
                items.Add((signed.Raw, signed));
            }
        }

        using var engine = SignatureEngineFactory.Create(BackendKind.Native, 2);
        var validator = new TransactionBatchValidator(engine, new ValidationOptions { ChainId = 1 });
        var keccak = new Nethereum.Util.Sha3Keccack();

        using var batch = validator.Decode(items.Select(i => i.Raw).ToList());

        var decoded = items.Where(i => i.Expected is not null).Select(i => i.Expected!).ToList();
        Assert.Equal(count, batch.Count);
        Assert.Equal(decoded.Count, batch.Recoverable);
        Assert.False(batch.IsRecovered);
        var next = 0;
        for (var slot = 0; slot < decoded.Count; slot++)
        {
            Assert.Equal(next, batch.PayloadOffsets[slot]);
            var payload = batch.Payloads.Slice(batch.PayloadOffsets[slot], batch.PayloadLengths[slot]).ToArray();
            Assert.Equal(Convert.ToHexStringLower(decoded[slot].SigningHash), Convert.ToHexStringLower(keccak.CalculateHash(payload)));
            Assert.InRange(batch.Signatures[(65 * slot) + 64], 0, 1);
            next += batch.PayloadLengths[slot];
        }

        Assert.Equal(next, batch.PayloadBytes);
    }

    [Fact]
    public void Batches_stepped_interleaved_give_the_verdicts_of_validate_and_nethereum_senders()
    {
        var random = new Random(TestRandom.Seed(output, 7002));
        var batches = Enumerable.Range(0, 3)
            .Select(b => Enumerable.Range(0, TestScale.Of(40)).Select(i => NethereumTransactions.Create(random, i % NethereumTransactions.KindCount, fixedChainId: 1)).ToList())
            .ToList();
        var raws = batches.Select(b => (IReadOnlyList<ReadOnlyMemory<byte>>)[.. b.Select(s => (ReadOnlyMemory<byte>)s.Raw), new byte[] { 0xc0 }]).ToList();
        using var engine = SignatureEngineFactory.Create(BackendKind.Native, 2);
        var validator = new TransactionBatchValidator(engine, new ValidationOptions { ChainId = 1 });

        // As the pipeline does: the next batch is decoded before the previous one is recovered or checked.
        var decoded = raws.Select(validator.Decode).ToList();
        for (var b = decoded.Count - 1; b >= 0; b--)
        {
            validator.Recover(decoded[b]);
        }

        var verdicts = new TransactionVerdict[raws.Count][];
        for (var b = 0; b < decoded.Count; b++)
        {
            verdicts[b] = new TransactionVerdict[raws[b].Count];
            validator.Check(decoded[b], verdicts[b]);
            decoded[b].Dispose();
        }

        for (var b = 0; b < raws.Count; b++)
        {
            Assert.Equal(validator.Validate(raws[b]).Select(v => (v.Error, v.Hash, v.SigningHash, v.Sender)), verdicts[b].Select(v => (v.Error, v.Hash, v.SigningHash, v.Sender)));
            Assert.Equal(batches[b].Select(s => s.Sender), verdicts[b].Take(batches[b].Count).Select(v => v.Sender.ToString()));
            Assert.False(verdicts[b][^1].IsDecoded);
        }
    }

    [Fact]
    public void Checking_before_recovering_is_refused_and_disposal_is_idempotent()
    {
        var signed = NethereumTransactions.Create(new Random(3), 0, fixedChainId: 1);
        using var engine = SignatureEngineFactory.Create(BackendKind.Native, 2);
        var validator = new TransactionBatchValidator(engine, new ValidationOptions { ChainId = 1 });
        var batch = validator.Decode([signed.Raw]);
        var verdicts = new TransactionVerdict[1];

        Assert.Throws<InvalidOperationException>(() => validator.Check(batch, verdicts));
        validator.Recover(batch);
        validator.Check(batch, verdicts);
        batch.Dispose();
        batch.Dispose();

        Assert.Equal(signed.Sender, verdicts[0].Sender.ToString());
        Assert.Throws<ObjectDisposedException>(() => batch.Payloads.Length);
        Assert.Throws<ObjectDisposedException>(() => validator.Recover(batch));
    }
}
