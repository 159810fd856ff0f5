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
            // The account is five words: the nonce, then the balance's limbs from the lowest.
            // Acquire reads throughout: no read here may move before the one above it, so the second read of the
            // sequence comes after the whole copy. On x64 they are plain loads.
            var before = Volatile.Read(ref _sequence);
            ref var words = ref Unsafe.As<Account, ulong>(ref _account);
            var nonce = Volatile.Read(ref words);
            var u0 = Volatile.Read(ref Unsafe.Add(ref words, 1));
            var u1 = Volatile.Read(ref Unsafe.Add(ref words, 2));
            var u2 = Volatile.Read(ref Unsafe.Add(ref words, 3));
            var u3 = Volatile.Read(ref Unsafe.Add(ref words, 4));
            if ((before & 1) == 0 && before == Volatile.Read(ref _sequence))
            {
                return new Account(nonce, new UInt256(u0, u1, u2, u3));
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
