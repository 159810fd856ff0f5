namespace GpuValidate.Engine.Conformance;

/// <summary>Every output of every operation of one engine on one <see cref="SignedItems"/> batch, for comparisons.</summary>
internal sealed record EngineResults(
    SignatureError[] EcdsaLowS,
    SignatureError[] EcdsaPlain,
    SignatureError[] Schnorr,
    SignatureError[] Recover,
    byte[] RecoveredKeys,
    byte[] Addresses,
    SignatureError[] Senders,
    byte[] SigningHashes,
    byte[] SenderAddresses,
    byte[] Keccak)
{
    public static EngineResults Of(ISignatureEngine engine, SignedItems items)
    {
        var n = items.Count;
        var results = new EngineResults(
            new SignatureError[n],
            new SignatureError[n],
            new SignatureError[n],
            new SignatureError[n],
            new byte[64 * n],
            new byte[20 * n],
            new SignatureError[n],
            new byte[32 * n],
            new byte[20 * n],
            new byte[32 * n]);
        engine.VerifyEcdsa(items.Digests, items.EcdsaSignatures, items.EcdsaKeys, items.EcdsaKeyLengths, true, results.EcdsaLowS);
        engine.VerifyEcdsa(items.Digests, items.EcdsaSignatures, items.EcdsaKeys, items.EcdsaKeyLengths, false, results.EcdsaPlain);
        engine.VerifySchnorr(items.SchnorrKeys, items.SchnorrSignatures, items.SchnorrMessages, items.Offsets, items.Lengths, results.Schnorr);
        engine.Recover(items.Digests, items.RecoverSignatures, results.RecoveredKeys, results.Addresses, results.Recover);
        engine.RecoverSenders(items.SchnorrMessages, items.Offsets, items.Lengths, items.RecoverSignatures, results.SigningHashes, results.SenderAddresses, results.Senders);
        engine.Keccak256(items.SchnorrMessages, items.Offsets, items.Lengths, results.Keccak);
        return results;
    }

    /// <summary>
    /// Where this engine's outputs differ from <paramref name="expected"/>: one line per differing item and output
    /// (the first <paramref name="max"/>), naming the operation and the item; empty when every output agrees.
    /// </summary>
    public IReadOnlyList<string> Differences(EngineResults expected, int max = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var lines = new List<string>();
        Compare(expected.EcdsaLowS, EcdsaLowS, 1, "ecdsa verify (low S)", lines, max);
        Compare(expected.EcdsaPlain, EcdsaPlain, 1, "ecdsa verify (high S allowed)", lines, max);
        Compare(expected.Schnorr, Schnorr, 1, "schnorr verify", lines, max);
        Compare(expected.Recover, Recover, 1, "recover", lines, max);
        Compare(expected.RecoveredKeys, RecoveredKeys, 64, "recovered key", lines, max);
        Compare(expected.Addresses, Addresses, 20, "recovered address", lines, max);
        Compare(expected.Senders, Senders, 1, "recover senders", lines, max);
        Compare(expected.SigningHashes, SigningHashes, 32, "signing hash", lines, max);
        Compare(expected.SenderAddresses, SenderAddresses, 20, "sender address", lines, max);
        Compare(expected.Keccak, Keccak, 32, "keccak-256", lines, max);
        return lines;
    }

    /// <summary>Compares per item, <paramref name="width"/> elements an item.</summary>
    private static void Compare<T>(T[] expected, T[] actual, int width, string what, List<string> lines, int max)
    {
        if (expected.Length != actual.Length)
        {
            lines.Add($"{what}: {actual.Length / width} items, expected {expected.Length / width}");
            return;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var item = 0; item < expected.Length / width && lines.Count < max; item++)
        {
            var same = true;
            for (var k = item * width; k < (item + 1) * width && same; k++)
            {
                same = comparer.Equals(expected[k], actual[k]);
            }

            if (!same)
            {
                lines.Add(width == 1
                    ? $"{what}: item {item} is {actual[item * width]}, expected {expected[item * width]}"
                    : $"{what}: item {item} differs");
            }
        }
    }
}
