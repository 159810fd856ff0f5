namespace GpuValidate.Kernels.Tests.Hashing;

/// <summary>Messages laid out the way the kernels take them: one flat buffer, offsets and lengths.</summary>
internal sealed class MessageBatch
{
    private MessageBatch(byte[] data, int[] offsets, int[] lengths)
    {
        Data = data;
        Offsets = offsets;
        Lengths = lengths;
    }

    public byte[] Data { get; }

    public int[] Offsets { get; }

    public int[] Lengths { get; }

    public int Count => Offsets.Length;

    public ReadOnlySpan<byte> Message(int index) => Data.AsSpan(Offsets[index], Lengths[index]);

    /// <summary>
    /// Every length 0..300 (all padding edges of both block sizes) followed by <paramref name="extra"/> random
    /// lengths up to 1,200; a random gap between messages so offsets are not simply running sums.
    /// </summary>
    public static MessageBatch Mixed(RandomMessages random, int extra)
    {
        var lengths = new List<int>();
        for (int length = 0; length <= 300; length++)
        {
            lengths.Add(length);
        }

        for (int i = 0; i < extra; i++)
        {
            lengths.Add(random.Next(0, 1200));
        }

        // Shuffle so neighbouring threads take different paths.
        var shuffled = lengths.OrderBy(_ => random.Next(0, int.MaxValue)).ToArray();
        var offsets = new int[shuffled.Length];
        int total = 0;
        for (int i = 0; i < shuffled.Length; i++)
        {
            total += random.Next(0, 4);
            offsets[i] = total;
            total += shuffled[i];
        }

        return new MessageBatch(random.Bytes(total + random.Next(0, 4)), offsets, shuffled);
    }

    public static MessageBatch FromMessages(IReadOnlyList<byte[]> messages)
    {
        var offsets = new int[messages.Count];
        var lengths = new int[messages.Count];
        var data = new List<byte>();
        for (int i = 0; i < messages.Count; i++)
        {
            offsets[i] = data.Count;
            lengths[i] = messages[i].Length;
            data.AddRange(messages[i]);
        }

        return new MessageBatch([.. data], offsets, lengths);
    }
}
