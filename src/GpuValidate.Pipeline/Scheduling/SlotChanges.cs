using System.Diagnostics.CodeAnalysis;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.State;

namespace GpuValidate.Pipeline.Scheduling;

/// <summary>
/// The accounts a block wrote, read straight from the parallel applier's slot arrays: building a dictionary would
/// put one more insert per account on the serial path between the last layer and the commit.
/// </summary>
internal sealed class SlotChanges(AddressSlotMap slots, Address[] addresses, Account[] accounts, bool[] dirty) : IReadOnlyDictionary<Address, Account>
{
    private readonly int _count = dirty.Count(d => d);

    public int Count => _count;

    public IEnumerable<Address> Keys => this.Select(p => p.Key);

    public IEnumerable<Account> Values => this.Select(p => p.Value);

    public Account this[Address key] => TryGetValue(key, out var account) ? account : throw new KeyNotFoundException(key.ToString());

    public bool ContainsKey(Address key) => slots.TryGetValue(key, out var slot) && dirty[slot];

    public bool TryGetValue(Address key, [MaybeNullWhen(false)] out Account value)
    {
        if (slots.TryGetValue(key, out var slot) && dirty[slot])
        {
            value = accounts[slot];
            return true;
        }

        value = default;
        return false;
    }

    public IEnumerator<KeyValuePair<Address, Account>> GetEnumerator()
    {
        for (var slot = 0; slot < dirty.Length; slot++)
        {
            if (dirty[slot])
            {
                yield return KeyValuePair.Create(addresses[slot], accounts[slot]);
            }
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
