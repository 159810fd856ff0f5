using GpuValidate.Kernels.Secp256k1;
using GpuValidate.TestSupport;
using GpuValidate.TestVectors;

namespace GpuValidate.Kernels.Tests.Secp256k1;

/// <summary>
/// Batch checks shared by the CPU-accelerator and GPU test classes: each runs items through
/// <see cref="SignatureKernels"/> and compares every status (and output) with libsecp256k1's expectation and with the
/// CPU path of the same arithmetic.
/// </summary>
internal static class SignatureKernelChecks
{
    public static void Ecdsa(SignatureKernels kernels, IReadOnlyList<EcdsaItem> items)
    {
        foreach (var group in items.GroupBy(i => i.RequireLowS))
        {
            var batch = group.ToList();
            int n = batch.Count;
            var digests = new byte[32 * n];
            var sigs = new byte[64 * n];
            var keys = new byte[65 * n];
            var lengths = new byte[n];
            for (int i = 0; i < n; i++)
            {
                batch[i].Digest.CopyTo(digests, 32 * i);
                batch[i].Signature.CopyTo(sigs, 64 * i);
                batch[i].PublicKey.AsSpan(0, Math.Min(65, batch[i].PublicKey.Length)).CopyTo(keys.AsSpan(65 * i));
                lengths[i] = (byte)batch[i].PublicKey.Length;
            }

            var status = new byte[n];
            kernels.VerifyEcdsa(digests, sigs, keys, lengths, group.Key, status);
            for (int i = 0; i < n; i++)
            {
                var item = batch[i];
                Assert.True(item.Expected == status[i], $"{item}: libsecp256k1 {item.Expected}, kernel {status[i]}");
                Assert.Equal(SignatureCpu.VerifyEcdsa(item.Digest, item.Signature, item.PublicKey, item.RequireLowS), status[i]);
            }
        }
    }

    public static void Schnorr(SignatureKernels kernels, IReadOnlyList<SchnorrItem> items)
    {
        int n = items.Count;
        var keys = new byte[32 * n];
        var sigs = new byte[64 * n];
        var offsets = new int[n];
        var lengths = new int[n];
        var messages = new List<byte>();
        for (int i = 0; i < n; i++)
        {
            items[i].PublicKey.CopyTo(keys, 32 * i);
            items[i].Signature.CopyTo(sigs, 64 * i);
            offsets[i] = messages.Count;
            lengths[i] = items[i].Message.Length;
            messages.AddRange(items[i].Message);
        }

        var status = new byte[n];
        kernels.VerifySchnorr(keys, sigs, messages.ToArray(), offsets, lengths, status);
        for (int i = 0; i < n; i++)
        {
            var item = items[i];
            Assert.True(item.Expected == status[i], $"{item}: libsecp256k1 {item.Expected}, kernel {status[i]}");
            Assert.Equal(SignatureCpu.VerifySchnorr(item.PublicKey, item.Signature, item.Message), status[i]);
        }
    }

    public static void Recover(SignatureKernels kernels, IReadOnlyList<RecoverItem> items)
    {
        int n = items.Count;
        var digests = new byte[32 * n];
        var sigs = new byte[65 * n];
        for (int i = 0; i < n; i++)
        {
            items[i].Digest.CopyTo(digests, 32 * i);
            items[i].Signature.CopyTo(sigs, 65 * i);
        }

        // Outputs start dirty: failures must be zeroed, not left alone.
        var keys = Enumerable.Repeat((byte)0xAB, 64 * n).ToArray();
        var addresses = Enumerable.Repeat((byte)0xCD, 20 * n).ToArray();
        var status = new byte[n];
        kernels.Recover(digests, sigs, keys, addresses, status);
        for (int i = 0; i < n; i++)
        {
            var item = items[i];
            Assert.True(item.Expected == status[i], $"{item}: libsecp256k1 {item.Expected}, kernel {status[i]}");
            Assert.True(item.PublicKey.AsSpan().SequenceEqual(keys.AsSpan(64 * i, 64)), $"{item}: key differs");
            var expectedAddress = status[i] == SignatureStatus.Valid ? KeccakOracle.Hash(item.PublicKey)[12..] : new byte[20];
            Assert.True(expectedAddress.AsSpan().SequenceEqual(addresses.AsSpan(20 * i, 20)), $"{item}: address differs");
        }
    }

    public static void RecoverSenders(SignatureKernels kernels, Random random, int count)
    {
        var payloads = new List<byte>();
        var offsets = new int[count];
        var lengths = new int[count];
        var sigs = new byte[65 * count];
        var expectedHashes = new byte[count][];
        var expectedKeys = new byte[count][];
        var expectedStatus = new byte[count];
        for (int i = 0; i < count; i++)
        {
            // Lengths around Keccak's 136-byte rate and beyond.
            var payload = new byte[new[] { 0, 1, 100, 135, 136, 137, 300 }[i % 7] + random.Next(3)];
            random.NextBytes(payload);
            offsets[i] = payloads.Count;
            lengths[i] = payload.Length;
            payloads.AddRange(payload);
            expectedHashes[i] = KeccakOracle.Hash(payload);
            var sig = NBitcoinOracle.SignRecoverable(NBitcoinOracle.NewKey(random), expectedHashes[i]);
            if (i % 5 == 4)
            {
                sig[random.Next(65)] ^= (byte)(1 << random.Next(8));
            }

            sig.CopyTo(sigs, 65 * i);
            expectedStatus[i] = NativeOracle.Recover(expectedHashes[i], sig, out expectedKeys[i]);
        }

        var hashes = new byte[32 * count];
        var addresses = Enumerable.Repeat((byte)0xEE, 20 * count).ToArray();
        var status = new byte[count];
        kernels.RecoverSenders(payloads.ToArray(), offsets, lengths, sigs, hashes, addresses, status);
        Assert.Contains(expectedStatus, s => s == SignatureStatus.Valid);
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(expectedHashes[i], hashes.AsSpan(32 * i, 32).ToArray());
            Assert.Equal(expectedStatus[i], status[i]);
            var expectedAddress = status[i] == SignatureStatus.Valid ? KeccakOracle.Hash(expectedKeys[i])[12..] : new byte[20];
            Assert.Equal(expectedAddress, addresses.AsSpan(20 * i, 20).ToArray());
        }
    }

    public static List<EcdsaItem> WycheproofItems(params string[] files)
    {
        var items = new List<EcdsaItem>();
        foreach (var file in files)
        {
            var (decoded, undecodable) = VectorCases.Wycheproof(file);
            Assert.All(undecodable, c => Assert.False(c.Valid));
            foreach (var (item, valid) in decoded)
            {
                Assert.Equal(valid, item.Expected == SignatureStatus.Valid);
                items.Add(item);
            }
        }

        return items;
    }

    public static List<SchnorrItem> Bip340Items() =>
        [.. VectorCases.Bip340().Select(v =>
        {
            Assert.Equal(v.Valid, v.Item.Expected == SignatureStatus.Valid);
            return v.Item;
        })];

    public static List<RecoverItem> EcRecoverItems() => [.. VectorCases.EcRecover().Items.Select(v => v.Item)];

    public static string[] AllWycheproofFiles => WycheproofEcdsa.AllFiles;
}
