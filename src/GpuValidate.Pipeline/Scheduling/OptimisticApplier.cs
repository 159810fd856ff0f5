using GpuValidate.Ethereum.Primitives;
using GpuValidate.Pipeline.Execution;
using GpuValidate.State;

namespace GpuValidate.Pipeline.Scheduling;

/// <summary>
/// An optimistic applier in the spirit of Block-STM, for comparison with <see cref="ParallelApplier"/>: every
/// transaction is first executed speculatively and in parallel against the last committed state, recording what it
/// read; then, in block order, a transaction whose sender and recipient no earlier transaction of the block wrote (and
/// that does not touch the coinbase) keeps its speculative result, and any other is re-executed on the spot. Unlike
/// Block-STM there is no multi-version memory or parallel validation: validation is one sequential pass.
/// </summary>
/// <remarks>
/// The result equals <see cref="SequentialApplier"/>'s. Blocks with contract transactions (which read unknown
/// accounts) or gas limits that do not all fit the block are applied sequentially.
/// </remarks>
public sealed class OptimisticApplier : IBlockApplier
{
    private const int MinChunk = 64;

    private readonly ITransactionExecutor? _executor;
    private readonly ParallelOptions _options;
    private long _reexecuted;

    /// <summary>An applier whose speculative phase runs on <paramref name="threads"/> threads (all cores when 0).</summary>
    public OptimisticApplier(int threads = 0, ITransactionExecutor? executor = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        Threads = threads == 0 ? Environment.ProcessorCount : threads;
        _executor = executor;
        _options = new ParallelOptions { MaxDegreeOfParallelism = Threads };
    }

    /// <summary>The number of threads of the speculative phase.</summary>
    public int Threads { get; }

    /// <summary>Transactions whose speculation was discarded and re-executed, over every block so far.</summary>
    public long Reexecuted => Interlocked.Read(ref _reexecuted);

    /// <inheritdoc/>
    public BlockApplyResult Apply(in BlockEnvironment block, ReadOnlyMemory<ApplierTransaction> transactions, IStateStore state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var txs = transactions.Span;
        ulong gasLimits = 0;
        foreach (ref readonly var tx in txs)
        {
            if (tx.StatelessError is not null)
            {
                continue;
            }

            if (tx.NeedsExecutor && _executor is null)
            {
                continue;
            }

            if (tx.NeedsExecutor || (gasLimits += tx.GasLimit) < tx.GasLimit || gasLimits > block.GasLimit)
            {
                return new SequentialApplier(_executor).Apply(block, transactions, state);
            }
        }

        var speculation = new Speculation[txs.Length];
        var environment = block;
        var chunks = Math.Max(1, Math.Min(Threads, txs.Length / MinChunk));
        Parallel.For(0, chunks, _options, c =>
        {
            var all = transactions.Span;
            var from = (int)((long)all.Length * c / chunks);
            var to = (int)((long)all.Length * (c + 1) / chunks);
            for (var i = from; i < to; i++)
            {
                speculation[i] = Speculate(all[i], environment, state);
            }
        });

        return Validate(block, txs, speculation, state);
    }

    private static Speculation Speculate(in ApplierTransaction tx, in BlockEnvironment block, IStateStore state)
    {
        if (tx.StatelessError is not null || tx.NeedsExecutor)
        {
            return default;
        }

        var sender = state.GetAccount(tx.Sender);
        var error = TransferRules.Check(tx, block, sender, ulong.MaxValue, out var charge);
        if (error != ApplyError.None)
        {
            return new Speculation(error, default, default, default);
        }

        var gasUsed = tx.IntrinsicGas;
        var senderAfter = sender with { Nonce = sender.Nonce + 1, Balance = sender.Balance - charge.Debit(gasUsed, tx.Value) };
        var recipient = tx.To == tx.Sender ? senderAfter : state.GetAccount(tx.To!.Value);
        var recipientAfter = recipient with { Balance = recipient.Balance + tx.Value };
        return new Speculation(ApplyError.None, senderAfter, recipientAfter, charge.Fee(gasUsed));
    }

    private BlockApplyResult Validate(in BlockEnvironment block, ReadOnlySpan<ApplierTransaction> txs, Speculation[] speculation, IStateStore state)
    {
        var overlay = new StateOverlay(state);
        var written = overlay.Writes;
        var receipts = new TransactionReceipt[txs.Length];
        var fees = UInt256.Zero;
        ulong gasUsed = 0;
        long reexecuted = 0;
        for (var i = 0; i < txs.Length; i++)
        {
            ref readonly var tx = ref txs[i];
            if (tx.StatelessError is not null)
            {
                receipts[i] = TransactionReceipt.Rejected(tx.StatelessError);
                continue;
            }

            if (tx.NeedsExecutor)
            {
                receipts[i] = TransactionReceipt.Rejected(ApplyError.RequiresExecutor.ToCode()!);
                continue;
            }

            var to = tx.To!.Value;
            var touchesCoinbase = tx.Sender == block.Coinbase || to == block.Coinbase;
            if (!touchesCoinbase && !written.ContainsKey(tx.Sender) && !written.ContainsKey(to))
            {
                ref readonly var s = ref speculation[i];
                if (s.Error != ApplyError.None)
                {
                    receipts[i] = TransactionReceipt.Rejected(s.Error.ToCode()!);
                    continue;
                }

                written[tx.Sender] = s.SenderAfter;
                written[to] = s.RecipientAfter;
                fees += s.Fee;
                receipts[i] = new TransactionReceipt(TransactionStatus.Success, tx.IntrinsicGas, null);
            }
            else
            {
                // A conflict: what the speculation read is stale. Credit the fees so far, then run it for real.
                reexecuted++;
                if (!fees.IsZero)
                {
                    var coinbase = overlay.GetAccount(block.Coinbase);
                    overlay.SetAccount(block.Coinbase, coinbase with { Balance = coinbase.Balance + fees });
                    fees = UInt256.Zero;
                }

                receipts[i] = SequentialApplier.ApplyOne(tx, block, overlay, ulong.MaxValue, null);
            }

            gasUsed += receipts[i].GasUsed;
        }

        if (!fees.IsZero)
        {
            var coinbase = overlay.GetAccount(block.Coinbase);
            overlay.SetAccount(block.Coinbase, coinbase with { Balance = coinbase.Balance + fees });
        }

        Interlocked.Add(ref _reexecuted, reexecuted);
        return new BlockApplyResult(receipts, written, gasUsed);
    }

    private readonly record struct Speculation(ApplyError Error, Account SenderAfter, Account RecipientAfter, UInt256 Fee);
}
