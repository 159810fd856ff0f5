using GpuValidate.Ethereum.Hashing;
using GpuValidate.Ethereum.Transactions;
using NBitcoin.Secp256k1;
using Xunit.Abstractions;

namespace GpuValidate.Ethereum.Tests.Transactions;

/// <summary>
/// Random transactions of types 0 (with and without chain id), 1, 2 and 4 built and signed by Nethereum: we
/// decode them to the same hash and signing hash, the sender recovered (with NBitcoin) from our signing hash and
/// signature fields is Nethereum's, and our encoder rebuilds the same bytes from the decoded fields.
/// </summary>
public sealed class TransactionDifferentialTests(ITestOutputHelper output)
{
    [Fact]
    public void Nethereum_signed_transactions_decode_to_the_same_hash_signing_hash_and_sender()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var count = TestScale.Of(2000);
        var perKind = new int[NethereumTransactions.KindCount];
        for (var i = 0; i < count; i++)
        {
            var kind = i % NethereumTransactions.KindCount;
            var expected = NethereumTransactions.Create(random, kind);
            var context = $"seed {seed}, item {i}, kind {kind}, raw {Convert.ToHexString(expected.Raw)}";

            Assert.True(TransactionDecoder.TryDecode(expected.Raw, out var tx, out var error), $"{context}: {error}");
            Assert.Equal(Convert.ToHexString(expected.Hash), Convert.ToHexString(tx.Hash.ToArray()));
            Assert.Equal(Convert.ToHexString(expected.SigningHash), Convert.ToHexString(tx.ComputeSigningHash().ToArray()));
            Assert.Equal(expected.Sender, RecoverSender(tx));
            Assert.Equal(kind == 1, tx.Type == TransactionType.Legacy && tx.ChainId is not null);

            var rebuilt = TransactionEncoder.EncodeSigned(tx.ToUnsigned(), tx.R, tx.S, tx.YParity);
            Assert.Equal(Convert.ToHexString(expected.Raw), Convert.ToHexString(rebuilt));
            Assert.Equal(Convert.ToHexString(tx.GetSigningPayload()), Convert.ToHexString(TransactionEncoder.EncodeSigningPayload(tx.ToUnsigned())));
            perKind[kind]++;
        }

        output.WriteLine($"matched per kind (legacy, legacy-155, 2930, 1559, 7702): {string.Join(", ", perKind)}");
    }

    // Sender = the last 20 bytes of Keccak-256 of the public key NBitcoin recovers from our signing hash.
    internal static string RecoverSender(Transaction tx)
    {
        Span<byte> signature = stackalloc byte[65];
        tx.WriteSignature65(signature);
        if (!SecpRecoverableECDSASignature.TryCreateFromCompact(signature[..64], signature[64], out var recoverable)
            || !ECPubKey.TryRecover(Context.Instance, recoverable, tx.ComputeSigningHash().ToArray(), out var publicKey))
        {
            return "unrecoverable";
        }

        Span<byte> uncompressed = stackalloc byte[65];
        publicKey.WriteToSpan(false, uncompressed, out _);
        var hash = Keccak.Hash(uncompressed[1..]).ToArray();
        return "0x" + Convert.ToHexStringLower(hash.AsSpan(12));
    }
}
