using GpuValidate.Ethereum.Rlp;
using Xunit.Abstractions;

namespace GpuValidate.Ethereum.Tests.Rlp;

/// <summary>Mutated, truncated and random inputs: the reader never throws, always moves forward and never allocates.</summary>
public sealed class RlpFuzzTests(ITestOutputHelper output)
{
    // Walks every item, descending into lists; returns the number of items visited. Never throws for any input.
    private static int Walk(ReadOnlySpan<byte> data, int depth)
    {
        var reader = new RlpReader(data);
        var visited = 0;
        while (!reader.IsEnd)
        {
            var before = reader.Position;
            if (reader.NextIsList && depth < 64)
            {
                if (!reader.TryReadList(out var items))
                {
                    break;
                }

                visited += Walk(items.Remaining, depth + 1);
            }
            else if (!reader.TryReadBytes(out _) && !reader.TrySkip())
            {
                // Asserting through xunit would box; check by hand so the allocation count stays meaningful.
                if (reader.Position != before || reader.Error == RlpError.None)
                {
                    throw new InvalidOperationException("a failed read moved the reader or left no error");
                }

                break;
            }

            if (reader.Position <= before)
            {
                throw new InvalidOperationException("a successful read did not move the reader");
            }

            visited++;
        }

        return visited;
    }

    [Fact]
    public void Mutated_and_random_inputs_never_throw_or_allocate()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var seeds = new[]
        {
            Convert.FromHexString("f8648501000000000182520894095e7baea6a6c7c4c2dfeb977efac326af552d8780801ba048b55bfa915ac795c431978d8a6a992b628d557da5ff759b307d495a36649353a01fffd310ac743f371de3b9f7f9cb56c0b28ad43601b4ab949f53faa07bd2c804"),
            Convert.FromHexString("c7c0c1c0c3c0c1c0"),
            Convert.FromHexString("b8384c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e7365637465747572206164697069736963696e6720656c6974"),
        };

        var count = TestScale.Of(20000);
        var buffer = new byte[400];
        Walk(seeds[0], 0);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < count; i++)
        {
            int length;
            switch (i % 3)
            {
                case 0:
                    var source = seeds[random.Next(seeds.Length)];
                    length = random.Next(source.Length + 1);
                    source.AsSpan(0, length).CopyTo(buffer);
                    for (var m = random.Next(4); m > 0 && length > 0; m--)
                    {
                        buffer[random.Next(length)] = (byte)random.Next(256);
                    }

                    break;
                case 1:
                    length = random.Next(buffer.Length);
                    random.NextBytes(buffer.AsSpan(0, length));
                    break;
                default:
                    // Headers claiming huge lengths over short bodies.
                    length = 1 + random.Next(9);
                    buffer[0] = (byte)random.Next(0xB8, 0x100);
                    random.NextBytes(buffer.AsSpan(1, length - 1));
                    break;
            }

            Walk(buffer.AsSpan(0, length), 0);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"{count} inputs, {allocated} bytes allocated");
        Assert.Equal(0, allocated);
    }
}
