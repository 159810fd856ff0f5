using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Model;
using Nethereum.Signer;
using NAccessListItem = Nethereum.Model.AccessListItem;

namespace GpuValidate.Ethereum.Tests.Transactions;

/// <summary>Random transactions built and signed by Nethereum, the independent oracle for the differential tests.</summary>
internal static class NethereumTransactions
{
    /// <summary>One signed transaction as Nethereum sees it.</summary>
    internal sealed record Signed(int Kind, byte[] Raw, byte[] Hash, byte[] SigningHash, string Sender, byte[] PrivateKey);

    /// <summary>Kinds: 0 legacy without chain id, 1 legacy EIP-155, 2 access list, 3 dynamic fee, 4 set code.</summary>
    public const int KindCount = 5;

    public static Signed Create(Random random, int kind, BigInteger? fixedChainId = null)
    {
        var key = RandomKey(random);
        var to = random.Next(5) == 0 && kind < 4 ? null : RandomAddress(random);
        var nonce = RandomInteger(random, 8);
        var gasLimit = RandomInteger(random, 8);
        var value = RandomInteger(random, 32);
        var data = RandomData(random).ToHex(true);
        var chainId = fixedChainId ?? (random.Next(3) == 0 ? BigInteger.One : RandomInteger(random, 6) + 1);
        string signedHex;
        switch (kind)
        {
            case 0:
                signedHex = new LegacyTransactionSigner().SignTransaction(
                    key, new LegacyTransaction(to, value, nonce, RandomInteger(random, 32), gasLimit, data));
                break;
            case 1:
                signedHex = new LegacyTransactionSigner().SignTransaction(
                    key, new LegacyTransactionChainId(to, value, nonce, RandomInteger(random, 32), gasLimit, data, chainId));
                break;
            case 2:
                signedHex = new TypeTransactionSigner<Transaction2930>().SignTransaction(
                    key, new Transaction2930(chainId, nonce, RandomInteger(random, 32), gasLimit, to, value, data, RandomAccessList(random)));
                break;
            case 3:
                signedHex = new TypeTransactionSigner<Transaction1559>().SignTransaction(
                    key, new Transaction1559(chainId, nonce, RandomInteger(random, 32), RandomInteger(random, 32), gasLimit, to, value, data, RandomAccessList(random)));
                break;
            default:
                var authorisations = new List<Authorisation7702Signed>();
                for (var i = random.Next(0, 3); i >= 0; i--)
                {
                    var authority = new EthECKey(RandomKey(random), true);
                    var unsigned = new Authorisation7702 { ChainId = random.Next(2) == 0 ? 0 : chainId, Address = RandomAddress(random), Nonce = RandomInteger(random, 8) };
                    authorisations.Add(new Authorisation7702Signer().SignAuthorisation(authority, unsigned));
                }

                signedHex = new TypeTransactionSigner<Transaction7702>().SignTransaction(
                    key, new Transaction7702(chainId, nonce, RandomInteger(random, 32), RandomInteger(random, 32), gasLimit, to, value, data, RandomAccessList(random), authorisations));
                break;
        }

        var raw = signedHex.HexToByteArray();
        var parsed = TransactionFactory.CreateTransaction(raw);
        var sender = TransactionVerificationAndRecovery.GetSenderAddress(parsed);
        return new Signed(kind, raw, parsed.Hash, parsed.RawHash, sender.ToLowerInvariant(), key);
    }

    private static byte[] RandomKey(Random random)
    {
        var key = new byte[32];
        do
        {
            random.NextBytes(key);
            key[0] &= 0x7F;
        }
        while (key.All(b => b == 0));

        return key;
    }

    private static string RandomAddress(Random random)
    {
        var bytes = new byte[20];
        random.NextBytes(bytes);
        return bytes.ToHex(true);
    }

    // Mostly small values (the common case and the single-byte RLP edge), sometimes full width.
    public static BigInteger RandomInteger(Random random, int maxBytes)
    {
        var bytes = new byte[random.Next(4) switch
        {
            0 => 0,
            1 => 1,
            2 => random.Next(1, maxBytes + 1),
            _ => maxBytes,
        }];
        random.NextBytes(bytes);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    private static byte[] RandomData(Random random)
    {
        var data = new byte[random.Next(4) switch { 0 => 0, 1 => 1, 2 => random.Next(2, 56), _ => random.Next(56, 400) }];
        random.NextBytes(data);
        for (var i = 0; i < data.Length; i++)
        {
            if (random.Next(3) == 0)
            {
                data[i] = 0;
            }
        }

        return data;
    }

    private static List<NAccessListItem> RandomAccessList(Random random)
    {
        var list = new List<NAccessListItem>();
        for (var i = random.Next(0, 4); i > 0; i--)
        {
            var keys = new List<byte[]>();
            for (var k = random.Next(0, 4); k > 0; k--)
            {
                var slot = new byte[32];
                random.NextBytes(slot);
                keys.Add(slot);
            }

            list.Add(new NAccessListItem(RandomAddress(random), keys));
        }

        return list;
    }
}
