using GpuValidate.Ethereum.Primitives;
using Xunit.Abstractions;

namespace GpuValidate.State.Tests;

public sealed class AccountTableTests(ITestOutputHelper output)
{
    [Fact]
    public void Random_adds_and_removes_match_a_dictionary()
    {
        var random = TestRandom.Create(output);
        var table = new AccountTable();
        var expected = new Dictionary<Address, AccountCell>();
        var known = new List<Address>();
        for (var step = 0; step < 20_000; step++)
        {
            // Mostly adds, with removals and re-adds of removed addresses, through several growths.
            var address = known.Count > 0 && random.Next(3) == 0 ? known[random.Next(known.Count)] : NewAddress(random);
            if (expected.ContainsKey(address))
            {
                if (random.Next(2) == 0)
                {
                    Assert.True(table.Remove(address));
                    expected.Remove(address);
                }
            }
            else
            {
                var cell = new AccountCell(new Account((ulong)step, UInt256.One), default);
                table.Add(address, cell);
                expected[address] = cell;
                known.Add(address);
            }

            if (step % 1000 == 0)
            {
                Assert.Equal(expected.Count, table.Count);
                foreach (var a in known)
                {
                    Assert.Same(expected.GetValueOrDefault(a), table.Find(a));
                }
            }
        }

        Assert.False(table.Remove(NewAddress(random)));
        Assert.Equal(expected.Count, table.Count);
        Assert.Equal(
            expected.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)),
            table.Entries().OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)));
    }

    [Fact]
    public async Task Readers_find_every_account_added_before_they_looked_while_the_table_grows()
    {
        var random = TestRandom.Create(output);
        var addresses = Enumerable.Range(0, 200_000).Select(_ => NewAddress(random)).ToArray();
        var cells = addresses.Select((_, i) => new AccountCell(new Account((ulong)i, UInt256.One), default)).ToArray();
        var table = new AccountTable();
        var added = 0;
        long missing = 0, wrong = 0, reads = 0;
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount - 1)).Select(seed => Task.Run(() =>
        {
            var local = new Random(seed);
            while (!stop.IsCancellationRequested)
            {
                var count = Volatile.Read(ref added);
                if (count == 0)
                {
                    continue;
                }

                var i = local.Next(count);
                var found = table.Find(addresses[i]);
                if (found is null)
                {
                    Interlocked.Increment(ref missing);
                }
                else if (!ReferenceEquals(found, cells[i]))
                {
                    Interlocked.Increment(ref wrong);
                }

                Interlocked.Increment(ref reads);
            }
        })).ToArray();

        for (var i = 0; i < addresses.Length; i++)
        {
            table.Add(addresses[i], cells[i]);
            Volatile.Write(ref added, i + 1);
        }

        // Keep reading a while after the last growth too.
        var readsBefore = Interlocked.Read(ref reads);
        while (Interlocked.Read(ref reads) - readsBefore < 100_000)
        {
            await Task.Yield();
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.Equal(0, missing);
        Assert.Equal(0, wrong);
        Assert.Equal(addresses.Length, table.Count);
    }

    private static Address NewAddress(Random random)
    {
        var bytes = new byte[Address.Size];
        random.NextBytes(bytes);
        return new Address(bytes);
    }
}
