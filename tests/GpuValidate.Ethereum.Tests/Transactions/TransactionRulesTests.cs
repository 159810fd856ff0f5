using System.Globalization;
using System.Numerics;
using GpuValidate.Ethereum.Primitives;
using GpuValidate.Ethereum.Transactions;

namespace GpuValidate.Ethereum.Tests.Transactions;

public sealed class TransactionRulesTests
{
    private static readonly BigInteger N = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static Transaction Decode(UnsignedTransaction unsigned, UInt256? s = null)
    {
        var raw = TransactionEncoder.EncodeSigned(unsigned, 1, s ?? 1, 0);
        Assert.True(TransactionDecoder.TryDecode(raw, out var tx, out var error), error.ToString());
        return tx;
    }

    private static UnsignedTransaction Call(TransactionType type, byte[] data, ulong gas, bool create = false) => new()
    {
        Type = type,
        ChainId = type == TransactionType.Legacy ? null : 1,
        GasPrice = 1,
        GasLimit = gas,
        To = create ? null : Address.Zero,
        Data = data,
    };

    // EIP-2028, EIP-2930, EIP-3860 and EIP-7702 costs, written out from the EIP texts.
    private static ulong ExpectedIntrinsic(byte[] data, bool create, int addresses, int keys, int authorizations, Fork fork)
    {
        var zeros = (ulong)data.Count(b => b == 0);
        var nonZeros = (ulong)data.Length - zeros;
        var gas = 21000UL + (4 * zeros) + ((fork >= Fork.Istanbul ? 16UL : 68UL) * nonZeros);
        gas += create && fork >= Fork.Homestead ? 32000UL : 0;
        gas += create && fork >= Fork.Shanghai ? 2 * (ulong)Math.Ceiling(data.Length / 32.0) : 0;
        return gas + (2400UL * (ulong)addresses) + (1900UL * (ulong)keys) + (25000UL * (ulong)authorizations);
    }

    [Fact]
    public void Group_order_constants_match_the_curve()
    {
        Assert.Equal(N, TransactionRules.SecpN.ToBigInteger());
        Assert.Equal(N / 2, TransactionRules.SecpHalfN.ToBigInteger());
    }

    [Fact]
    public void Intrinsic_gas_matches_the_eip_formulas_for_every_fork()
    {
        var random = new Random(11);
        for (var i = 0; i < TestScale.Of(300); i++)
        {
            var data = new byte[random.Next(0, 200)];
            random.NextBytes(data);
            for (var k = 0; k < data.Length; k += random.Next(1, 4))
            {
                data[k] = 0;
            }

            var create = random.Next(2) == 0;
            var access = Enumerable.Range(0, random.Next(0, 3))
                .Select(_ => new AccessListEntry(Address.Zero, Enumerable.Repeat(Hash256.Zero, random.Next(0, 3)).ToArray()))
                .ToArray();
            var type = random.Next(3) switch { 0 => TransactionType.Legacy, 1 => TransactionType.AccessList, _ => TransactionType.SetCode };
            var authorizations = type == TransactionType.SetCode ? random.Next(0, 3) : 0;
            var unsigned = Call(type, data, 1_000_000, create && type != TransactionType.SetCode) with
            {
                AccessList = type == TransactionType.Legacy ? [] : access,
                AuthorizationList = Enumerable.Repeat(new Authorization(1, Address.Zero, 0, 0, 1, 1), authorizations).ToArray(),
            };
            var tx = Decode(unsigned);
            foreach (var fork in Enum.GetValues<Fork>())
            {
                var expected = ExpectedIntrinsic(
                    data,
                    unsigned.To is null,
                    unsigned.AccessList.Count,
                    unsigned.AccessList.Sum(e => e.StorageKeys.Count),
                    authorizations,
                    fork);
                Assert.Equal(expected, IntrinsicGas.Of(tx, ForkRules.For(fork)));
            }
        }
    }

    [Fact]
    public void Gas_limit_equal_to_intrinsic_gas_passes_and_one_less_fails()
    {
        var data = new byte[] { 0, 1, 2, 0 };
        var required = 21000UL + 8 + 32;

        Assert.Equal(TransactionError.None, TransactionRules.CheckFields(Decode(Call(TransactionType.Legacy, data, required)), ForkRules.For(Fork.London)));
        Assert.Equal(TransactionError.IntrinsicGasTooLow, TransactionRules.CheckFields(Decode(Call(TransactionType.Legacy, data, required - 1)), ForkRules.For(Fork.London)));
    }

    [Fact]
    public void Calldata_floor_applies_from_prague()
    {
        // 1000 non-zero bytes: intrinsic 21000 + 16000 = 37000, floor 21000 + 10 * 4000 = 61000.
        var data = Enumerable.Repeat((byte)0xff, 1000).ToArray();
        var tx = Decode(Call(TransactionType.DynamicFee, data, 50_000));

        Assert.Equal(TransactionError.None, TransactionRules.CheckFields(tx, ForkRules.For(Fork.Cancun)));
        Assert.Equal(TransactionError.IntrinsicGasTooLow, TransactionRules.CheckFields(tx, ForkRules.For(Fork.Prague)));
        Assert.Equal(61_000UL, IntrinsicGas.FloorOf(tx, ForkRules.For(Fork.Prague)));
    }

    [Fact]
    public void Init_code_of_exactly_the_limit_is_allowed()
    {
        var tx = Decode(Call(TransactionType.DynamicFee, new byte[49_152], 10_000_000, create: true));
        Assert.Equal(TransactionError.None, TransactionRules.CheckFields(tx, ForkRules.For(Fork.Shanghai)));
    }

    [Fact]
    public void S_of_exactly_half_the_order_is_low()
    {
        var tx = Decode(Call(TransactionType.Legacy, [], 21000), TransactionRules.SecpHalfN);
        var above = Decode(Call(TransactionType.Legacy, [], 21000), TransactionRules.SecpHalfN + 1);

        Assert.Equal(TransactionError.None, TransactionRules.CheckSignatureValues(tx, ForkRules.For(Fork.Homestead), 1));
        Assert.Equal(TransactionError.HighS, TransactionRules.CheckSignatureValues(above, ForkRules.For(Fork.Homestead), 1));
        Assert.Equal(TransactionError.None, TransactionRules.CheckSignatureValues(above, ForkRules.For(Fork.Frontier), 1));
    }

    [Fact]
    public void S_equal_to_the_order_is_a_bad_signature_in_every_fork()
    {
        var tx = Decode(Call(TransactionType.Legacy, [], 21000), TransactionRules.SecpN);
        Assert.Equal(TransactionError.BadSignature, TransactionRules.CheckSignatureValues(tx, ForkRules.For(Fork.Frontier), 1));
    }

    [Theory]
    [InlineData("Frontier", Fork.Frontier)]
    [InlineData("homestead", Fork.Homestead)]
    [InlineData("EIP150", Fork.TangerineWhistle)]
    [InlineData("EIP158", Fork.SpuriousDragon)]
    [InlineData("Petersburg", Fork.Constantinople)]
    [InlineData("paris", Fork.London)]
    [InlineData("PRAGUE", Fork.Prague)]
    public void Fork_names_and_aliases_parse(string name, Fork fork)
    {
        Assert.True(ForkRules.TryParse(name, out var rules));
        Assert.Equal(fork, rules.Fork);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Osaka")]
    [InlineData("3")]
    [InlineData(null)]
    public void Unknown_fork_names_do_not_parse(string? name)
    {
        Assert.False(ForkRules.TryParse(name, out _));
    }

    [Fact]
    public void Every_reason_has_a_distinct_code_that_parses_back()
    {
        var codes = TransactionErrorCodes.All.Select(e => e.ToCode()).ToList();

        Assert.Equal(Enum.GetValues<TransactionError>().Length - 1, codes.Count);
        Assert.Equal(codes.Count, codes.Distinct().Count());
        foreach (var error in TransactionErrorCodes.All)
        {
            Assert.True(TransactionErrorCodes.TryParse(error.ToCode(), out var parsed));
            Assert.Equal(error, parsed);
        }
    }
}
