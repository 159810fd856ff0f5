using System.Runtime.CompilerServices;
using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.State;

/// <summary>
/// One stored account: its committed state and its trie key (the Keccak-256 of its address). Only the committing
/// thread writes, in place, so a commit allocates nothing for an account it updates; any thread reads without a lock.
/// A sequence number, odd while a write is under way, tells a reader that raced a write to read again, so no reader
/// ever sees half of one state and half of another.
/// </summary>
internal sealed class AccountCell
{
    private int _sequence;
    private Account _account;

    /// <summary>A cell for an account not yet published.</summary>
    public AccountCell(in Account account, in Hash256 trieKey)
    {
        _account = account;
        TrieKey = trieKey;
    }

    /// <summary>Keccak-256 of the address: where the account sits in the state trie.</summary>
    public Hash256 TrieKey { get; }

    /// <summary>The account as of the last completed write.</summary>
    public Account Read()
    {
        var spinner = default(SpinWait);
        while (true)
        {
            var before = Volatile.Read(ref _sequence);
            var account = _account;

            // The copy must be complete before the sequence is read again.
            Interlocked.MemoryBarrier();
            if ((before & 1) == 0 && before == Volatile.Read(ref _sequence))
            {
                return account;
            }

            spinner.SpinOnce();
        }
    }

    /// <summary>Replaces the account. One writer at a time (the store's commit lock).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(in Account account)
    {
        // Odd, with a full fence: a reader that copies during the write sees the odd or the changed number.
        var sequence = Interlocked.Increment(ref _sequence);
        _account = account;
        Volatile.Write(ref _sequence, sequence + 1);
    }
}
