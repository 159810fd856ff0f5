using NBitcoin.Secp256k1;

namespace GpuValidate.Engine.Conformance;

/// <summary>
/// Random signature batches made with NBitcoin.Secp256k1 (independent of the backends under test): every item is
/// signed correctly, then, for odd items, one bit of the message, key or signature is flipped so that most of
/// them become invalid. Laid out exactly as <see cref="ISignatureEngine"/> takes them.
/// </summary>
internal sealed class SignedItems
{
    private SignedItems(int count)
    {
        Count = count;
        Digests = new byte[32 * count];
        EcdsaSignatures = new byte[64 * count];
        EcdsaKeys = new byte[65 * count];
        EcdsaKeyLengths = new byte[count];
        SchnorrKeys = new byte[32 * count];
        SchnorrSignatures = new byte[64 * count];
        SchnorrMessages = new byte[32 * count];
        Offsets = Enumerable.Range(0, count).Select(i => 32 * i).ToArray();
        Lengths = Enumerable.Repeat(32, count).ToArray();
        RecoverSignatures = new byte[65 * count];
        ExpectedKeys = new byte[64 * count];
    }

    public int Count { get; }

    public byte[] Digests { get; }

    public byte[] EcdsaSignatures { get; }

    public byte[] EcdsaKeys { get; }

    public byte[] EcdsaKeyLengths { get; }

    public byte[] SchnorrKeys { get; }

    public byte[] SchnorrSignatures { get; }

    public byte[] SchnorrMessages { get; }

    public int[] Offsets { get; }

    public int[] Lengths { get; }

    public byte[] RecoverSignatures { get; }

    /// <summary>The signer's 64-byte x||y key per recover item (what recovery returns for unmutated items).</summary>
    public byte[] ExpectedKeys { get; }

    public static SignedItems Create(int count, int seed, bool mutateOdd = true)
    {
        var random = new Random(seed);
        var items = new SignedItems(count);
        Span<byte> secret = stackalloc byte[32];
        Span<byte> buffer = stackalloc byte[65];
        for (var i = 0; i < count; i++)
        {
            ECPrivKey? key;
            do
            {
                random.NextBytes(secret);
            }
            while (!Context.Instance.TryCreateECPrivKey(secret, out key) || key is null);

            var digest = items.Digests.AsSpan(32 * i, 32);
            random.NextBytes(digest);
            var pub = key.CreatePubKey();
            var compressed = random.Next(2) == 0;
            pub.WriteToSpan(compressed, buffer, out var keyLength);
            buffer[..keyLength].CopyTo(items.EcdsaKeys.AsSpan(65 * i));
            items.EcdsaKeyLengths[i] = (byte)keyLength;
            pub.WriteToSpan(false, buffer, out _);
            buffer.Slice(1, 64).CopyTo(items.ExpectedKeys.AsSpan(64 * i));

            key.SignECDSARFC6979(digest).WriteCompactToSpan(items.EcdsaSignatures.AsSpan(64 * i, 64));

            if (!key.TrySignRecoverable(digest, out var recoverable) || recoverable is null)
            {
                throw new InvalidOperationException("signing failed");
            }

            recoverable.WriteToSpanCompact(items.RecoverSignatures.AsSpan(65 * i, 64), out var recid);
            items.RecoverSignatures[(65 * i) + 64] = (byte)recid;

            var message = items.SchnorrMessages.AsSpan(32 * i, 32);
            random.NextBytes(message);
            key.CreateXOnlyPubKey().WriteToSpan(items.SchnorrKeys.AsSpan(32 * i, 32));
            if (!key.TrySignBIP340(message, null, out var schnorr) || schnorr is null)
            {
                throw new InvalidOperationException("signing failed");
            }

            schnorr.WriteToSpan(items.SchnorrSignatures.AsSpan(64 * i, 64));

            if (mutateOdd && i % 2 == 1)
            {
                items.Mutate(i, random);
            }
        }

        return items;
    }

    private static void FlipBit(Span<byte> bytes, Random random) => bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));

    private void Mutate(int i, Random random)
    {
        // One flipped bit in the digest/message, the key or the signature of each operation's item.
        switch (random.Next(3))
        {
            case 0:
                FlipBit(Digests.AsSpan(32 * i, 32), random);
                FlipBit(SchnorrMessages.AsSpan(32 * i, 32), random);
                break;
            case 1:
                FlipBit(EcdsaKeys.AsSpan(65 * i, EcdsaKeyLengths[i]), random);
                FlipBit(SchnorrKeys.AsSpan(32 * i, 32), random);
                FlipBit(RecoverSignatures.AsSpan((65 * i) + 64, 1), random);
                break;
            default:
                FlipBit(EcdsaSignatures.AsSpan(64 * i, 64), random);
                FlipBit(SchnorrSignatures.AsSpan(64 * i, 64), random);
                FlipBit(RecoverSignatures.AsSpan(65 * i, 64), random);
                break;
        }
    }
}
