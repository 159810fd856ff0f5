using GpuValidate.Ethereum.Primitives;
using GpuValidate.Pipeline.Execution;
using GpuValidate.State;

namespace GpuValidate.Pipeline.Tests.Execution;

/// <summary>
/// A stand-in for an EVM: moves the value to the recipient (to a fixed "created" address for creations), uses an
/// amount of gas derived from the hash, touches an account outside the transaction, and fails (leaving state as
/// it was) for hashes whose first byte is odd.
/// </summary>
internal sealed class ValueMovingExecutor : ITransactionExecutor
{
    public static readonly Address Created = Address.Parse("0x00000000000000000000000000000000000c0de1");

    public static readonly Address Storage = Address.Parse("0x00000000000000000000000000000000005707e0");

    public ExecutionOutcome Execute(in ApplierTransaction transaction, in BlockEnvironment block, IWorldState state)
    {
        Span<byte> hash = stackalloc byte[Hash256.Size];
        transaction.Hash.WriteTo(hash);
        var gas = Math.Min(transaction.GasLimit, transaction.IntrinsicGas + hash[1] * 10UL);
        if ((hash[0] & 1) == 1)
        {
            return new ExecutionOutcome(false, gas);
        }

        var sender = state.GetAccount(transaction.Sender);
        if (sender.Balance < transaction.Value)
        {
            return new ExecutionOutcome(false, gas);
        }

        state.SetAccount(transaction.Sender, sender with { Balance = sender.Balance - transaction.Value });
        var to = transaction.To ?? Created;
        var recipient = state.GetAccount(to);
        state.SetAccount(to, recipient with { Balance = recipient.Balance + transaction.Value });
        var storage = state.GetAccount(Storage);
        state.SetAccount(Storage, storage with { Nonce = storage.Nonce + 1 });
        return new ExecutionOutcome(true, gas);
    }
}
