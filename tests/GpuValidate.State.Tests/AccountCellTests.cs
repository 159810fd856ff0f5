using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.State.Tests;

public sealed class AccountCellTests
{
    [Fact]
    public void Reads_what_was_written_word_for_word()
    {
        var cell = new AccountCell(new Account(7, new UInt256(1, 2, 3, 4)), default);
        Assert.Equal(new Account(7, new UInt256(1, 2, 3, 4)), cell.Read());

        var largest = new Account(ulong.MaxValue, UInt256.MaxValue);
        cell.Write(largest);
        Assert.Equal(largest, cell.Read());

        cell.Write(new Account(1, new UInt256(0, 0, 0, 9)));
        Assert.Equal(new Account(1, new UInt256(0, 0, 0, 9)), cell.Read());
    }

    [Fact]
    public async Task Reads_racing_writes_see_only_whole_accounts()
    {
        // Every written account has all four balance limbs equal to its nonce; a read mixing two writes breaks that.
        static Account Written(ulong n) => new(n, new UInt256(n, n, n, n));
        var cell = new AccountCell(Written(0), default);
        using var stop = new CancellationTokenSource();
        long torn = 0, reads = 0;
        var readers = Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount - 1)).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var account = cell.Read();
                if (account != Written(account.Nonce))
                {
                    Interlocked.Increment(ref torn);
                }

                Interlocked.Increment(ref reads);
            }
        })).ToArray();

        // Write for as long as it takes the readers to read a million times while writes are under way.
        ulong n = 0;
        while (Interlocked.Read(ref reads) == 0)
        {
            cell.Write(Written(++n));
        }

        var readsBefore = Interlocked.Read(ref reads);
        while (Interlocked.Read(ref reads) - readsBefore < 1_000_000)
        {
            cell.Write(Written(++n));
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.Equal(0, torn);
        Assert.Equal(Written(n), cell.Read());
    }
}
