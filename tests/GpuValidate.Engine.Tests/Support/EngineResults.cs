namespace GpuValidate.Engine.Tests.Support;

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

    /// <summary>Asserts every output equal, naming the first item that differs.</summary>
    public void AssertEqual(EngineResults expected)
    {
        AssertSame(expected.EcdsaLowS, EcdsaLowS, "ecdsa low-S");
        AssertSame(expected.EcdsaPlain, EcdsaPlain, "ecdsa plain");
        AssertSame(expected.Schnorr, Schnorr, "schnorr");
        AssertSame(expected.Recover, Recover, "recover");
        AssertSame(expected.RecoveredKeys, RecoveredKeys, "recovered keys");
        AssertSame(expected.Addresses, Addresses, "addresses");
        AssertSame(expected.Senders, Senders, "senders");
        AssertSame(expected.SigningHashes, SigningHashes, "signing hashes");
        AssertSame(expected.SenderAddresses, SenderAddresses, "sender addresses");
        AssertSame(expected.Keccak, Keccak, "keccak");
    }

    private static void AssertSame<T>(T[] expected, T[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(expected[i], actual[i]))
            {
                Assert.Fail($"{what}: element {i} is {actual[i]}, expected {expected[i]}");
            }
        }
    }
}
