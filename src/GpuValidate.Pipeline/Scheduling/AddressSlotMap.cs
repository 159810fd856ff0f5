using System.Numerics;
using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.Pipeline.Scheduling;

/// <summary>
/// Address to slot number for one block: open addressing with linear probing over a power-of-two table of slot
/// numbers (the addresses themselves are kept once, densely, by slot), slots numbered 0, 1, 2... in order of first
/// sight. Scheduling does one lookup per touched address on the serial path, and this costs about half of a
/// <see cref="Dictionary{TKey, TValue}"/>'s; the table holds 4-byte entries only, so a block's map is small to
/// allocate and to keep in cache. Not thread-safe for writers; reads are safe once the schedule is built.
/// </summary>
internal sealed class AddressSlotMap
{
    private int[] _values;
    private Address[] _addresses;
    private int _mask;

    /// <summary>A map sized for about <paramref name="expected"/> addresses (it grows past that).</summary>
    public AddressSlotMap(int expected)
    {
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, expected * 2));
        _values = new int[capacity];
        _addresses = GC.AllocateUninitializedArray<Address>(Math.Max(4, expected));
        _mask = capacity - 1;
    }

    /// <summary>The number of addresses.</summary>
    public int Count { get; private set; }

    /// <summary>The addresses by slot: the first <see cref="Count"/> entries.</summary>
    public Address[] Addresses => _addresses;

    /// <summary>The slot of <paramref name="address"/>, adding it with the next slot number when it is new.</summary>
    public int GetOrAdd(in Address address)
    {
        var i = address.GetHashCode() & _mask;
        while (true)
        {
            var stored = _values[i];
            if (stored == 0)
            {
                return Add(address, i);
            }

            if (_addresses[stored - 1].Equals(address))
            {
                return stored - 1;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>The slot of <paramref name="address"/>, or false when it is not in the map.</summary>
    public bool TryGetValue(in Address address, out int slot)
    {
        var i = address.GetHashCode() & _mask;
        while (true)
        {
            var stored = _values[i];
            if (stored == 0)
            {
                slot = -1;
                return false;
            }

            if (_addresses[stored - 1].Equals(address))
            {
                slot = stored - 1;
                return true;
            }

            i = (i + 1) & _mask;
        }
    }

    private int Add(in Address address, int index)
    {
        var slot = Count++;
        _values[index] = slot + 1;
        if (slot == _addresses.Length)
        {
            Array.Resize(ref _addresses, _addresses.Length * 2);
        }

        _addresses[slot] = address;
        if (Count * 2 > _values.Length)
        {
            Grow();
        }

        return slot;
    }

    private void Grow()
    {
        _values = new int[_values.Length * 2];
        _mask = _values.Length - 1;
        for (var slot = 0; slot < Count; slot++)
        {
            var i = _addresses[slot].GetHashCode() & _mask;
            while (_values[i] != 0)
            {
                i = (i + 1) & _mask;
            }

            _values[i] = slot + 1;
        }
    }
}
