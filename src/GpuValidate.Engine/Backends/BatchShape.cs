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

    /// <summary>The shape every engine's <c>VerifyEcdsa</c> requires for <paramref name="count"/> items.</summary>
    public static void Ecdsa(
        ReadOnlySpan<byte> digests, ReadOnlySpan<byte> signatures, ReadOnlySpan<byte> publicKeys, ReadOnlySpan<byte> publicKeyLengths, int count)
    {
        Require(digests.Length, 32L * count, nameof(digests));
        Require(signatures.Length, 64L * count, nameof(signatures));
        Require(publicKeys.Length, 65L * count, nameof(publicKeys));
        Require(publicKeyLengths.Length, count, nameof(publicKeyLengths));
    }

    /// <summary>The shape every engine's <c>VerifySchnorr</c> requires for <paramref name="count"/> items.</summary>
    public static void Schnorr(
        ReadOnlySpan<byte> publicKeys, ReadOnlySpan<byte> signatures, ReadOnlySpan<byte> messages, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, int count)
    {
        Require(publicKeys.Length, 32L * count, nameof(publicKeys));
        Require(signatures.Length, 64L * count, nameof(signatures));
        RequireRanges(offsets, lengths, messages.Length, count, nameof(messages));
    }

    /// <summary>The shape every engine's <c>Recover</c> requires for <paramref name="count"/> items.</summary>
    public static void Recover(
        ReadOnlySpan<byte> digests, ReadOnlySpan<byte> signatures, ReadOnlySpan<byte> publicKeys, ReadOnlySpan<byte> addresses, int count)
    {
        Require(digests.Length, 32L * count, nameof(digests));
        Require(signatures.Length, 65L * count, nameof(signatures));
        Require(publicKeys.Length, 64L * count, nameof(publicKeys));
        Require(addresses.Length, 20L * count, nameof(addresses));
    }

    /// <summary>The shape every engine's <c>RecoverSenders</c> requires for <paramref name="count"/> items.</summary>
    public static void RecoverSenders(
        ReadOnlySpan<byte> payloads,
        ReadOnlySpan<int> offsets,
        ReadOnlySpan<int> lengths,
        ReadOnlySpan<byte> signatures,
        ReadOnlySpan<byte> signingHashes,
        ReadOnlySpan<byte> addresses,
        int count)
    {
        RequireRanges(offsets, lengths, payloads.Length, count, nameof(payloads));
        Require(signatures.Length, 65L * count, nameof(signatures));
        Require(signingHashes.Length, 32L * count, nameof(signingHashes));
        Require(addresses.Length, 20L * count, nameof(addresses));
    }

    /// <summary>The shape every engine's <c>Keccak256</c> requires for <paramref name="count"/> items.</summary>
    public static void Keccak(ReadOnlySpan<byte> messages, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, ReadOnlySpan<byte> digests, int count)
    {
        RequireRanges(offsets, lengths, messages.Length, count, nameof(messages));
        Require(digests.Length, 32L * count, nameof(digests));
    }
}
