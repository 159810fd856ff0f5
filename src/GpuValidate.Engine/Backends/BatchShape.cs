namespace GpuValidate.Engine.Backends;

/// <summary>Caller-mistake checks at the public edge: span sizes that do not match the item count throw.</summary>
internal static class BatchShape
{
    public static void Require(int actual, long required, string name)
    {
        if (actual < required)
        {
            throw new ArgumentException($"{name} holds {actual} elements; the batch needs {required}", name);
        }
    }

    /// <summary>Every item's [offset, offset + length) lies inside the payload.</summary>
    public static void RequireRanges(ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, int payloadLength, int count, string name)
    {
        Require(offsets.Length, count, nameof(offsets));
        Require(lengths.Length, count, nameof(lengths));
        for (var i = 0; i < count; i++)
        {
            if (offsets[i] < 0 || lengths[i] < 0 || (long)offsets[i] + lengths[i] > payloadLength)
            {
                throw new ArgumentException($"item {i}'s range [{offsets[i]}, +{lengths[i]}) lies outside {name}", name);
            }
        }
    }
}
