using GpuValidate.Ethereum.Transactions;
using Xunit.Abstractions;

namespace GpuValidate.Ethereum.Tests.Transactions;

/// <summary>
/// Mutated, truncated and random inputs: the decoder never throws, always answers, and allocates no more than a
/// small multiple of the input (so a declared length far beyond the input never allocates for it).
/// </summary>
public sealed class TransactionFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void Mutated_truncated_and_random_inputs_never_throw_or_allocate_without_bound()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var seeds = Enumerable.Range(0, 40)
            .Select(i => NethereumTransactions.Create(random, i % NethereumTransactions.KindCount).Raw)
            .ToArray();
        var iterations = TestScale.Of(20_000);
        var accepted = 0;
        var errors = new Dictionary<TransactionError, int>();
        for (var i = 0; i < iterations; i++)
        {
            var input = Mutate(random, seeds[random.Next(seeds.Length)]);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var ok = TransactionDecoder.TryDecodeShared(input, out var tx, out var error);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated > 4096 + (16L * input.Length))
            {
                Assert.Fail($"seed {seed}, item {i}: {allocated} bytes allocated for a {input.Length}-byte input {Convert.ToHexString(input)}");
            }

            if (ok)
            {
                accepted++;
                Assert.NotNull(tx);
                _ = tx.GetSigningPayload();
            }
            else
            {
                Assert.NotEqual(TransactionError.None, error);
                errors[error] = errors.GetValueOrDefault(error) + 1;
            }
        }

        output.WriteLine($"{iterations} inputs: {accepted} decoded; rejected: {string.Join(", ", errors.Select(e => $"{e.Key.ToCode()} {e.Value}"))}");
    }

    private static byte[] Mutate(Random random, byte[] original)
    {
        var data = (byte[])original.Clone();
        switch (random.Next(7))
        {
            case 0:
                return data[..random.Next(data.Length)];
            case 1:
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    data[random.Next(data.Length)] ^= (byte)(1 << random.Next(8));
                }

                return data;
            case 2:
                data[random.Next(data.Length)] = (byte)random.Next(256);
                return data;
            case 3:
                var extra = new byte[random.Next(1, 8)];
                random.NextBytes(extra);
                return [.. data, .. extra];
            case 4:
                // A long-form header claiming up to 4 GiB.
                var at = random.Next(data.Length);
                data[at] = (byte)(random.Next(2) == 0 ? 0xbb : 0xfb);
                for (var k = 1; k <= 4 && at + k < data.Length; k++)
                {
                    data[at + k] = 0xff;
                }

                return data;
            case 5:
                var junk = new byte[random.Next(0, 200)];
                random.NextBytes(junk);
                return junk;
            default:
                var cut = random.Next(data.Length);
                return [.. data[..cut], .. data[Math.Min(data.Length, cut + random.Next(1, 40))..]];
        }
    }
}
