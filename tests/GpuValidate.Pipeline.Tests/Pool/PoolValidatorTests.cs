using System.Diagnostics;
using GpuValidate.Engine;
using GpuValidate.Engine.Backends;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.Pipeline.Pool;
using GpuValidate.Pipeline.Validation;
using GpuValidate.Pipeline.Workloads;
using Nethereum.Model;
using Nethereum.Signer;

namespace GpuValidate.Pipeline.Tests.Pool;

public sealed class PoolValidatorTests
{
    [Fact]
    public async Task Each_concurrent_submission_gets_its_own_verdict_and_sender()
    {
        var raw = new TransferWorkload(new TransferWorkloadOptions { Blocks = 1, TransactionsPerBlock = 300, Accounts = 50 })
            .Blocks().Single().Transactions.ToList();
        var garbage = Enumerable.Range(0, 30).Select(i => (ReadOnlyMemory<byte>)new byte[] { 0xc1, (byte)i }).ToList();
        var inputs = raw.Concat(garbage).OrderBy(_ => Random.Shared.Next()).ToList();
        using var engine = SignatureEngineFactory.Create(BackendKind.Native, 2);
        await using var pool = new PoolValidator(
            new TransactionBatchValidator(engine), new BatchingOptions { MaxBatchSize = 32, MaxDelay = TimeSpan.FromMilliseconds(3) });

        var verdicts = await Task.WhenAll(inputs.Select(i => Task.Run(() => pool.SubmitAsync(i).AsTask())));

        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Length <= 2)
            {
                Assert.False(verdicts[i].IsValid);
                continue;
            }

            var expected = TransactionVerificationAndRecovery.GetSenderAddress(TransactionFactory.CreateTransaction(inputs[i].ToArray()));
            Assert.True(verdicts[i].IsValid, verdicts[i].Error.ToString());
            Assert.Equal(Address.Parse(expected), verdicts[i].Sender);
        }
    }

    [Fact]
    public async Task A_lone_transaction_is_answered_within_the_delay_bound()
    {
        var raw = new TransferWorkload(new TransferWorkloadOptions { Blocks = 1, TransactionsPerBlock = 1, Accounts = 2 }).Blocks().Single().Transactions[0];
        using var engine = SignatureEngineFactory.Create(BackendKind.Native, 2);
        var bound = TimeSpan.FromMilliseconds(50);
        await using var pool = new PoolValidator(new TransactionBatchValidator(engine), new BatchingOptions { MaxBatchSize = 4096, MaxDelay = bound });

        var clock = Stopwatch.StartNew();
        var verdict = await pool.SubmitAsync(raw).AsTask().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(verdict.IsValid);
        // Only the timer can close a batch of one below MaxBatchSize; the slack absorbs a loaded CI machine's
        // scheduling delays, not a missing timer (which would leave the transaction unanswered).
        Assert.True(clock.Elapsed < bound + TimeSpan.FromSeconds(15), $"answered after {clock.Elapsed}");
    }
}
