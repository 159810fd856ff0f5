using GpuValidate.Engine.Encoding;

namespace GpuValidate.Engine.Selection;

/// <summary>
/// The start-up self-check a backend must pass before <c>auto</c> trusts it: a few items from public vector
/// suites, each with its known verdict and output, through every operation of the engine. A device whose
/// driver or compiler miscompiles the kernels fails here instead of giving wrong verdicts later.
/// </summary>
public static class KnownAnswerCheck
{
    // go-ethereum's ecRecover precompile vector "ValidKey": recovery id 1, high S; the key is the one of the
    // well-known test account 0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b.
    private static readonly byte[] RecoverDigest = Convert.FromHexString("18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c");
    private static readonly byte[] RecoverSignature = Convert.FromHexString(
        "73b1693892219d736caba55bdb67216e485557ea6b6af75f37096c9aa6a5a75feeb940b1d03b21e36b0e47e79769f095fe2ab855bd91e3a38756b7d75a9c454901");

    private static readonly byte[] RecoverKey = Convert.FromHexString(
        "3a514176466fa815ed481ffad09110a2d344f6c9b78c1d14afc351c3a51be33d8072e77939dc03ba44790779b7a1025baf3003f6732430e20cd9b76d953391b3");

    private static readonly byte[] RecoverAddress = Convert.FromHexString("a94f5374fce5edbc8e2a8697c15331677e6ebf0b");

    // BIP-340 vectors 0 (32-byte message) and 17 (17-byte message), both valid.
    private static readonly byte[][] SchnorrKeys =
    [
        Convert.FromHexString("F9308A019258C31049344F85F89D5229B531C845836F99B08601F113BCE036F9"),
        Convert.FromHexString("778CAA53B4393AC467774D09497A87224BF9FAB6F6E68B23086497324D6FD117"),
    ];

    private static readonly byte[][] SchnorrMessages =
    [
        new byte[32],
        Convert.FromHexString("0102030405060708090A0B0C0D0E0F1011"),
    ];

    private static readonly byte[][] SchnorrSignatures =
    [
        Convert.FromHexString("E907831F80848D1069A5371B402410364BDF1C5F8307B0084C55F1CE2DCA821525F66A4A85EA8B71E482A74F382D2CE5EBEEE8FDB2172F477DF4900D310536C0"),
        Convert.FromHexString("5130F39A4059B43BC7CAC09A19ECE52B5D8699D1A71E3C52DA9AFDB6B50AC370C4A482B77BF960F8681540E25B6771ECE1E5A37FD80E5A51897C5566A97EA5A5"),
    ];

    // Keccak-256("abc"), Ethereum's variant.
    private static readonly byte[] KeccakAbc = Convert.FromHexString("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");

    // The sender that the ValidKey signature names over the signing payload "abc" (digest Keccak-256("abc")),
    // computed with textbook recovery and Keccak outside this code base.
    private static readonly byte[] SenderOfAbc = Convert.FromHexString("59e683a93d0baab58a1b6902a9c494a626f8ce2f");

    /// <summary>
    /// Runs the check; false with a one-line description of the first disagreement. Exceptions thrown by the
    /// engine (driver faults) propagate to the caller, which treats them as a failed check.
    /// </summary>
    public static bool Passes(ISignatureEngine engine, out string failure)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return CheckEcdsa(engine, out failure)
            && CheckSchnorr(engine, out failure)
            && CheckRecover(engine, out failure)
            && CheckRecoverSenders(engine, out failure)
            && CheckKeccak(engine, out failure);
    }

    /// <summary>
    /// Fills a batch of <paramref name="count"/> ECDSA items (the known-valid item, its low-S twin, repeated) for
    /// calibration runs: the work per item is that of a real verify.
    /// </summary>
    internal static void FillEcdsaBatch(int count, Span<byte> digests, Span<byte> signatures, Span<byte> keys, Span<byte> keyLengths)
    {
        Span<byte> lowS = stackalloc byte[64];
        RecoverSignature.AsSpan(0, 64).CopyTo(lowS);
        CurveBytes.NegateModOrder(RecoverSignature.AsSpan(32, 32), lowS[32..]);
        for (var i = 0; i < count; i++)
        {
            RecoverDigest.CopyTo(digests[(32 * i)..]);
            lowS.CopyTo(signatures[(64 * i)..]);
            keys[65 * i] = 0x04;
            RecoverKey.CopyTo(keys[((65 * i) + 1)..]);
            keyLengths[i] = 65;
        }
    }

    private static bool CheckEcdsa(ISignatureEngine engine, out string failure)
    {
        // Items: the vector's high-S signature, its low-S twin, the twin over a flipped digest, the twin against
        // the compressed key of the wrong parity (the negated key), the twin against the right compressed key.
        const int count = 5;
        var digests = new byte[32 * count];
        var signatures = new byte[64 * count];
        var keys = new byte[65 * count];
        var keyLengths = new byte[count];
        FillEcdsaBatch(count, digests, signatures, keys, keyLengths);
        RecoverSignature.AsSpan(0, 64).CopyTo(signatures.AsSpan(0));
        digests[(32 * 2) + 31] ^= 0x01;
        for (var i = 3; i < 5; i++)
        {
            keys.AsSpan(65 * i, 65).Clear();
            keys[65 * i] = (byte)(0x02 | ((RecoverKey[63] & 1) ^ (i == 3 ? 1 : 0)));
            RecoverKey.AsSpan(0, 32).CopyTo(keys.AsSpan((65 * i) + 1));
            keyLengths[i] = 33;
        }

        var plain = new SignatureError[count];
        var lowS = new SignatureError[count];
        engine.VerifyEcdsa(digests, signatures, keys, keyLengths, requireLowS: false, plain);
        engine.VerifyEcdsa(digests, signatures, keys, keyLengths, requireLowS: true, lowS);
        SignatureError[] expectedPlain = [SignatureError.None, SignatureError.None, SignatureError.BadSignature, SignatureError.BadSignature, SignatureError.None];
        SignatureError[] expectedLowS = [SignatureError.HighS, SignatureError.None, SignatureError.BadSignature, SignatureError.BadSignature, SignatureError.None];
        return Same("ecdsa (high S accepted)", expectedPlain, plain, out failure)
            && Same("ecdsa (low S required)", expectedLowS, lowS, out failure);
    }

    private static bool CheckSchnorr(ISignatureEngine engine, out string failure)
    {
        // Items: the two vectors (valid), then vector 0 with a flipped signature bit (bad signature).
        const int count = 3;
        var keys = new byte[32 * count];
        var signatures = new byte[64 * count];
        var messages = new List<byte>();
        var offsets = new int[count];
        var lengths = new int[count];
        for (var i = 0; i < count; i++)
        {
            var v = i % 2;
            SchnorrKeys[v].CopyTo(keys, 32 * i);
            SchnorrSignatures[v].CopyTo(signatures, 64 * i);
            offsets[i] = messages.Count;
            lengths[i] = SchnorrMessages[v].Length;
            messages.AddRange(SchnorrMessages[v]);
        }

        signatures[(64 * 2) + 63] ^= 0x01;
        var results = new SignatureError[count];
        engine.VerifySchnorr(keys, signatures, messages.ToArray(), offsets, lengths, results);
        return Same("schnorr", [SignatureError.None, SignatureError.None, SignatureError.BadSignature], results, out failure);
    }

    private static bool CheckRecover(ISignatureEngine engine, out string failure)
    {
        // Items: the vector (recovers the known key), then r = 0 (out of range).
        var signatures = new byte[65 * 2];
        RecoverSignature.CopyTo(signatures, 0);
        RecoverSignature.CopyTo(signatures, 65);
        signatures.AsSpan(65, 32).Clear();
        var digests = new byte[64];
        RecoverDigest.CopyTo(digests, 0);
        RecoverDigest.CopyTo(digests, 32);
        var keys = new byte[128];
        var addresses = new byte[40];
        var results = new SignatureError[2];
        engine.Recover(digests, signatures, keys, addresses, results);
        if (!Same("recover", [SignatureError.None, SignatureError.ROutOfRange], results, out failure))
        {
            return false;
        }

        if (!keys.AsSpan(0, 64).SequenceEqual(RecoverKey) || !addresses.AsSpan(0, 20).SequenceEqual(RecoverAddress))
        {
            failure = "recover: the recovered key or address differs from the known answer";
            return false;
        }

        return true;
    }

    private static bool CheckRecoverSenders(ISignatureEngine engine, out string failure)
    {
        // Items: payload "abc" with the vector's signature (a known sender), then the same with recovery id 4.
        var signatures = new byte[65 * 2];
        RecoverSignature.CopyTo(signatures, 0);
        RecoverSignature.CopyTo(signatures, 65);
        signatures[129] = 4;
        var hashes = new byte[64];
        var addresses = new byte[40];
        var results = new SignatureError[2];
        engine.RecoverSenders("abc"u8, [0, 0], [3, 3], signatures, hashes, addresses, results);
        if (!Same("recover senders", [SignatureError.None, SignatureError.BadRecoveryId], results, out failure))
        {
            return false;
        }

        if (!hashes.AsSpan(0, 32).SequenceEqual(KeccakAbc) || !addresses.AsSpan(0, 20).SequenceEqual(SenderOfAbc))
        {
            failure = "recover senders: the signing hash or sender differs from the known answer";
            return false;
        }

        return true;
    }

    private static bool CheckKeccak(ISignatureEngine engine, out string failure)
    {
        var digest = new byte[32];
        engine.Keccak256("abc"u8, [0], [3], digest);
        failure = digest.AsSpan().SequenceEqual(KeccakAbc) ? string.Empty : "keccak256(\"abc\") differs from the known answer";
        return failure.Length == 0;
    }

    private static bool Same(string what, SignatureError[] expected, SignatureError[] actual, out string failure)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] != actual[i])
            {
                failure = $"{what}: item {i} gave {actual[i].ToCode() ?? "valid"}, expected {expected[i].ToCode() ?? "valid"}";
                return false;
            }
        }

        failure = string.Empty;
        return true;
    }
}
