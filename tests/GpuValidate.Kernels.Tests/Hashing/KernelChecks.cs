namespace GpuValidate.Kernels.Tests.Hashing;

internal delegate void BatchHash(ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<byte> digests);

internal delegate byte[] MessageHash(ReadOnlySpan<byte> message);

internal static class KernelChecks
{
    /// <summary>Runs one batch through a kernel and compares every digest with the oracle's.</summary>
    public static void MatchesOracle(BatchHash kernel, MessageHash oracle, MessageBatch batch)
    {
        var digests = new byte[batch.Count * 32];
        kernel(batch.Data, batch.Offsets, batch.Lengths, digests);
        for (int i = 0; i < batch.Count; i++)
        {
            var expected = oracle(batch.Message(i));
            Assert.True(
                expected.AsSpan().SequenceEqual(digests.AsSpan(i * 32, 32)),
                $"message {i} (length {batch.Lengths[i]}): expected {Convert.ToHexStringLower(expected)}, got {Convert.ToHexStringLower(digests.AsSpan(i * 32, 32))}");
        }
    }
}
