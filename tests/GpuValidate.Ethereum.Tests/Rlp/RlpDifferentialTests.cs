using GpuValidate.Ethereum.Rlp;
using Xunit.Abstractions;
using NRlp = Nethereum.RLP.RLP;

namespace GpuValidate.Ethereum.Tests.Rlp;

/// <summary>Random item trees encoded by Nethereum.RLP and by us: same bytes, and our reader gets the tree back.</summary>
public sealed class RlpDifferentialTests(ITestOutputHelper output)
{
    private abstract record Node;

    private sealed record Leaf(byte[] Value) : Node;

    private sealed record Branch(Node[] Children) : Node;

    private static Node RandomNode(Random random, int depth)
    {
        if (depth > 0 && random.Next(3) == 0)
        {
            var children = new Node[random.Next(0, 6)];
            for (var i = 0; i < children.Length; i++)
            {
                children[i] = RandomNode(random, depth - 1);
            }

            return new Branch(children);
        }

        var length = random.Next(6) switch
        {
            0 => 0,
            1 => 1,
            2 => random.Next(2, 56),
            3 => 55 + random.Next(3),
            4 => random.Next(56, 300),
            _ => random.Next(0, 20),
        };
        var value = new byte[length];
        random.NextBytes(value);
        return new Leaf(value);
    }

    private static byte[] NethereumEncode(Node node) => node switch
    {
        Leaf leaf => NRlp.EncodeElement(leaf.Value),
        Branch branch => NRlp.EncodeList(branch.Children.Select(NethereumEncode).ToArray()),
        _ => throw new InvalidOperationException(),
    };

    private static int OurLength(Node node) => node switch
    {
        Leaf leaf => RlpWriter.LengthOfBytes(leaf.Value),
        Branch branch => RlpWriter.LengthOfList(branch.Children.Sum(OurLength)),
        _ => throw new InvalidOperationException(),
    };

    private static void OurWrite(ref RlpWriter writer, Node node)
    {
        switch (node)
        {
            case Leaf leaf:
                writer.WriteBytes(leaf.Value);
                break;
            case Branch branch:
                writer.WriteListHeader(branch.Children.Sum(OurLength));
                foreach (var child in branch.Children)
                {
                    OurWrite(ref writer, child);
                }

                break;
        }
    }

    private static void AssertReads(ref RlpReader reader, Node node)
    {
        switch (node)
        {
            case Leaf leaf:
                Assert.True(reader.TryReadBytes(out var value), reader.Error.ToString());
                Assert.Equal(leaf.Value, value.ToArray());
                break;
            case Branch branch:
                Assert.True(reader.TryReadList(out var items), reader.Error.ToString());
                foreach (var child in branch.Children)
                {
                    AssertReads(ref items, child);
                }

                Assert.True(items.IsEnd);
                break;
        }
    }

    [Fact]
    public void Random_trees_encode_like_Nethereum_and_decode_back()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var count = TestScale.Of(3000);
        for (var i = 0; i < count; i++)
        {
            var node = RandomNode(random, 4);
            var expected = NethereumEncode(node);
            var ours = new byte[OurLength(node)];
            var writer = new RlpWriter(ours);
            OurWrite(ref writer, node);
            Assert.Equal(ours.Length, writer.Position);
            Assert.True(expected.AsSpan().SequenceEqual(ours), $"seed {seed}, item {i}");

            var reader = new RlpReader(expected);
            AssertReads(ref reader, node);
            Assert.True(reader.IsEnd);
        }

        output.WriteLine($"{count} trees");
    }
}
