using System.Numerics;
using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.State;

/// <summary>
/// The stored accounts' cells by address: an open-addressing table with linear probing whose entries hold the
/// address and the cell inline, so that a lookup costs one entry and the cell. One writer at a time (the store's
/// commit lock); any number of readers, without a lock.
/// </summary>
/// <remarks>
/// A writer fills an entry's address and cell before it marks the entry live (a release store), and a reader checks
/// the mark first (an acquire load), so a reader never sees half an entry. A removed entry is marked removed and never
/// reused: a reader probing past it still finds what lies beyond. Growing copies the live entries (the cells, not the
/// accounts) into a new array that is published whole; a reader still on the old array sees every account that was
/// there, as current as the cells are, and misses only the accounts added by the commit that grew the table.
/// </remarks>
internal sealed class AccountTable
{
    private const int Empty = 0;
    private const int Live = 1;
    private const int Removed = 2;

    private Entry[] _entries = new Entry[16];
    private int _count;

    /// <summary>Live and removed entries: the probe chains' load.</summary>
    private int _used;

    /// <summary>The number of stored accounts.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The cell of <paramref name="address"/>, or null when it is not stored.</summary>
    public AccountCell? Find(in Address address)
    {
        var entries = Volatile.Read(ref _entries);
        var mask = entries.Length - 1;
        for (var i = address.GetHashCode() & mask; ; i = (i + 1) & mask)
        {
            ref var entry = ref entries[i];
            var state = Volatile.Read(ref entry.State);
            if (state == Empty)
            {
                return null;
            }

            if (state == Live && entry.Address == address)
            {
                return entry.Cell;
            }
        }
    }

    /// <summary>Stores <paramref name="cell"/> for <paramref name="address"/>, which must not be stored already.</summary>
    public void Add(in Address address, AccountCell cell)
    {
        // At most half full, so that probe chains stay short and always end at an empty entry.
        if ((_used + 1) * 2 > _entries.Length)
        {
            Grow();
        }

        Place(_entries, address, cell);
        _used++;
        Volatile.Write(ref _count, _count + 1);
    }

    /// <summary>Removes <paramref name="address"/>; false when it was not stored.</summary>
    public bool Remove(in Address address)
    {
        var entries = _entries;
        var mask = entries.Length - 1;
        for (var i = address.GetHashCode() & mask; ; i = (i + 1) & mask)
        {
            ref var entry = ref entries[i];
            if (entry.State == Empty)
            {
                return false;
            }

            if (entry.State == Live && entry.Address == address)
            {
                Volatile.Write(ref entry.State, Removed);
                Volatile.Write(ref _count, _count - 1);
                return true;
            }
        }
    }

    /// <summary>Every stored address and its cell, in no particular order. Not to be called while a writer runs.</summary>
    public IEnumerable<KeyValuePair<Address, AccountCell>> Entries()
    {
        foreach (var entry in _entries)
        {
            if (entry.State == Live)
            {
                yield return KeyValuePair.Create(entry.Address, entry.Cell!);
            }
        }
    }

    private static void Place(Entry[] entries, in Address address, AccountCell cell)
    {
        var mask = entries.Length - 1;
        var i = address.GetHashCode() & mask;
        while (entries[i].State != Empty)
        {
            i = (i + 1) & mask;
        }

        ref var entry = ref entries[i];
        entry.Address = address;
        entry.Cell = cell;
        Volatile.Write(ref entry.State, Live);
    }

    private void Grow()
    {
        // Twice the entries the live accounts need at half load (removed entries are dropped), so the table is between
        // a quarter and half full: 80 to 160 bytes an account.
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, (_count + 1) * 2));
        if (size <= (_count + 1) * 2)
        {
            size *= 2;
        }

        var entries = new Entry[size];
        foreach (var entry in _entries)
        {
            if (entry.State == Live)
            {
                Place(entries, entry.Address, entry.Cell!);
            }
        }

        _used = _count;
        Volatile.Write(ref _entries, entries);
    }

    private struct Entry
    {
        public int State;
        public Address Address;
        public AccountCell? Cell;
    }
}
