using GpuValidate.Ethereum.Hashing;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.Ethereum.Transactions;
using GpuValidate.Pipeline.Execution;
using GpuValidate.Pipeline.Validation;

namespace GpuValidate.Pipeline.Processing;

/// <summary>Turns a stateless verdict into what the applier reads.</summary>
public static class ApplierTransactionFactory
{
    /// <summary>
    /// The applier's view of <paramref name="verdict"/>; <paramref name="raw"/> gives the hash of a transaction that
    /// did not decode.
    /// </summary>
    public static ApplierTransaction From(in TransactionVerdict verdict, ReadOnlyMemory<byte> raw, ForkRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var tx = verdict.Transaction;
        var hash = verdict.IsDecoded ? verdict.Hash : Keccak.Hash(raw.Span);
        if (!verdict.IsValid || tx is null)
        {
            return new ApplierTransaction
            {
                Hash = hash,
                Sender = verdict.Sender,
                StatelessError = verdict.Error.ToCode() ?? "invalid",
            };
        }

        return new ApplierTransaction
        {
            Hash = hash,
            Sender = verdict.Sender,
            To = tx.To,
            Nonce = tx.Nonce,
            Value = tx.Value,
            GasLimit = tx.GasLimit,
            MaxFeePerGas = tx.MaxFeePerGas,
            MaxPriorityFeePerGas = tx.MaxPriorityFeePerGas,
            IntrinsicGas = Math.Max(IntrinsicGas.Of(tx, rules), IntrinsicGas.FloorOf(tx, rules)),
            Type = (byte)tx.Type,
            HasData = !tx.Data.IsEmpty,
            AccessListAddresses = AccessListAddresses(tx),
        };
    }

    private static ReadOnlyMemory<Address> AccessListAddresses(Transaction tx)
    {
        if (tx.AccessList.Count == 0)
        {
            return ReadOnlyMemory<Address>.Empty;
        }

        var distinct = new HashSet<Address>();
        foreach (var entry in tx.AccessList)
        {
            distinct.Add(entry.Address);
        }

        return distinct.ToArray();
    }
}
