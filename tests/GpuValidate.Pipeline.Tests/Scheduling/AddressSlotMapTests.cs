using GpuValidate.Ethereum.Primitives;
using GpuValidate.Pipeline.Scheduling;
using Xunit.Abstractions;

namespace GpuValidate.Pipeline.Tests.Scheduling;

/// <summary>The scheduler's slot map against a <see cref="Dictionary{TKey, TValue}"/> numbering addresses by first sight.</summary>
public sealed class AddressSlotMapTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1, 5_000)]
    [InlineData(2_000, 1_000)]
    public void Slots_number_addresses_in_order_of_first_sight_through_growth(int expected, int distinct)
    {
        var random = new Random(TestRandom.Seed(output, 17));
        var addresses = new Address[distinct];
        var bytes = new byte[Address.Size];
        for (var i = 0; i < distinct; i++)
        {
            random.NextBytes(bytes);
            addresses[i] = new Address(bytes);
        }

        var map = new AddressSlotMap(expected);
        var reference = new Dictionary<Address, int>();
        for (var k = 0; k < 4 * distinct; k++)
        {
            var address = addresses[random.Next(distinct)];
            if (!reference.TryGetValue(address, out var slot))
            {
                slot = reference[address] = reference.Count;
            }

            Assert.Equal(slot, map.GetOrAdd(address));
        }

        Assert.Equal(reference.Count, map.Count);
        foreach (var (address, slot) in reference)
        {
            Assert.True(map.TryGetValue(address, out var found));
            Assert.Equal(slot, found);
            Assert.Equal(address, map.Addresses[slot]);
        }

        random.NextBytes(bytes);
        var absent = new Address(bytes);
        Assert.Equal(reference.ContainsKey(absent), map.TryGetValue(absent, out _));
    }
}
