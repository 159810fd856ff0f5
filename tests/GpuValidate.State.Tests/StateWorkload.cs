using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.State.Tests;

/// <summary>
/// Deterministic random blocks over a fixed pool of addresses: new accounts, updates, and accounts emptied
/// (deleted). Block n depends only on the seed and n, so separate processes can replay the same chain.
/// </summary>
internal sealed class StateWorkload(int seed, int addressCount = 2000, int changesPerBlock = 50)
{
    private readonly Address[] _addresses = MakeAddresses(seed, addressCount);

    public IReadOnlyList<Address> Addresses => _addresses;

    public List<KeyValuePair<Address, Account>> Genesis(int count)
    {
        var random = new Random(seed);
        return _addresses.Take(count).Select(a => KeyValuePair.Create(a, RandomAccount(random))).ToList();
    }

    public Dictionary<Address, Account> Block(long number)
    {
        var random = new Random(HashCode.Combine(seed, number));
        var changes = new Dictionary<Address, Account>();
        for (var i = 0; i < changesPerBlock; i++)
        {
            var address = _addresses[random.Next(_addresses.Length)];
            changes[address] = random.Next(6) == 0 ? default : RandomAccount(random);
        }

        return changes;
    }

    public static Account RandomAccount(Random random)
    {
        var limbs = random.Next(4) switch
        {
            0 => new UInt256((ulong)random.Next(1, 1000)),
            1 => new UInt256((ulong)random.NextInt64()),
            2 => new UInt256((ulong)random.NextInt64(), (ulong)random.NextInt64()),
            _ => new UInt256((ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64() | (1UL << 63)),
        };
        var nonce = random.Next(3) switch { 0 => 0UL, 1 => (ulong)random.Next(1, 200), _ => (ulong)random.NextInt64() };
        return new Account(nonce, limbs);
    }

    private static Address[] MakeAddresses(int seed, int count)
    {
        var random = new Random(seed ^ 0x5eed);
        var bytes = new byte[Address.Size];
        var result = new Address[count];
        for (var i = 0; i < count; i++)
        {
            random.NextBytes(bytes);
            result[i] = new Address(bytes);
        }

        return result;
    }
}
