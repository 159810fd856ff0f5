using GpuValidate.Ethereum.Primitives;
using GpuValidate.Ethereum.Transactions;
using NRlp = Nethereum.RLP.RLP;

namespace GpuValidate.Ethereum.Tests.Transactions;

/// <summary>
/// The decoder against published examples and hand-built encodings (made with Nethereum.RLP, which writes
/// whatever bytes it is given, so non-canonical forms can be built on purpose).
/// </summary>
public sealed class TransactionDecoderTests
{
    // EIP-155's worked example: nonce 9, 20 gwei, 21000 gas, to 0x3535..35, 1 ether, chain id 1, key 0x4646..46.
    private const string Eip155Signed = "f86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83";
    private const string Eip155SigningData = "ec098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080018080";
    private const string Eip155SigningHash = "daf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53";

    private static byte[] Element(params byte[] value) => NRlp.EncodeElement(value);

    private static byte[] List(params byte[][] items) => NRlp.EncodeList(items);

    private static byte[] Typed(byte type, byte[] list) => [type, .. list];

    private static byte[][] LegacyFields(byte[]? nonce = null, byte[]? to = null) =>
    [
        Element(nonce ?? [0x09]),
        Element(0x04, 0xa8, 0x17, 0xc8, 0x00),
        Element(0x52, 0x08),
        Element(to ?? Enumerable.Repeat((byte)0x35, 20).ToArray()),
        Element(0x01),
        Element(),
        Element(0x1b),
        Element(Enumerable.Repeat((byte)0x11, 32).ToArray()),
        Element(Enumerable.Repeat((byte)0x22, 32).ToArray()),
    ];

    private static TransactionError DecodeError(byte[] raw)
    {
        var ok = TransactionDecoder.TryDecode(raw, out var tx, out var error);
        Assert.Equal(ok, tx is not null);
        Assert.Equal(ok, error == TransactionError.None);
        return error;
    }

    [Fact]
    public void Eip155_example_decodes_with_its_chain_id_signing_payload_and_fields()
    {
        Assert.True(TransactionDecoder.TryDecode(Convert.FromHexString(Eip155Signed), out var tx, out _));

        Assert.Equal(TransactionType.Legacy, tx.Type);
        Assert.Equal(new UInt256(1), tx.ChainId);
        Assert.Equal(9UL, tx.Nonce);
        Assert.Equal(21000UL, tx.GasLimit);
        Assert.Equal(new UInt256(1_000_000_000_000_000_000), tx.Value);
        Assert.Equal(new UInt256(20_000_000_000), tx.GasPrice);
        Assert.Equal(0, tx.YParity);
        Assert.Equal(Eip155SigningData, Convert.ToHexStringLower(tx.GetSigningPayload()));
        Assert.Equal("0x" + Eip155SigningHash, tx.ComputeSigningHash().ToString());
    }

    [Fact]
    public void Eip155_example_is_rebuilt_byte_for_byte_by_the_encoder()
    {
        Assert.True(TransactionDecoder.TryDecode(Convert.FromHexString(Eip155Signed), out var tx, out _));
        var unsigned = new UnsignedTransaction
        {
            Type = TransactionType.Legacy,
            ChainId = 1,
            Nonce = 9,
            GasPrice = 20_000_000_000,
            GasLimit = 21000,
            To = Address.Parse("0x3535353535353535353535353535353535353535"),
            Value = 1_000_000_000_000_000_000,
        };

        Assert.Equal(Eip155SigningData, Convert.ToHexStringLower(TransactionEncoder.EncodeSigningPayload(unsigned)));
        Assert.Equal(Eip155Signed, Convert.ToHexStringLower(TransactionEncoder.EncodeSigned(unsigned, tx.R, tx.S, 0)));
    }

    [Fact]
    public void Legacy_list_built_field_by_field_decodes()
    {
        Assert.Equal(TransactionError.None, DecodeError(List(LegacyFields())));
    }

    [Fact]
    public void Empty_input_is_bad_input()
    {
        Assert.Equal(TransactionError.BadInput, DecodeError([]));
    }

    [Fact]
    public void Integer_with_leading_zero_is_malformed()
    {
        Assert.Equal(TransactionError.MalformedRlp, DecodeError(List(LegacyFields(nonce: [0x00, 0x09]))));
    }

    [Fact]
    public void Zero_written_as_a_zero_byte_is_malformed()
    {
        Assert.Equal(TransactionError.MalformedRlp, DecodeError(List(LegacyFields(nonce: [0x00]))));
    }

    [Fact]
    public void Nonce_wider_than_64_bits_is_out_of_range()
    {
        Assert.Equal(TransactionError.ValueOutOfRange, DecodeError(List(LegacyFields(nonce: [1, 0, 0, 0, 0, 0, 0, 0, 0]))));
    }

    [Fact]
    public void Value_wider_than_256_bits_is_out_of_range()
    {
        var fields = LegacyFields();
        fields[4] = Element([0x01, .. new byte[32]]);
        Assert.Equal(TransactionError.ValueOutOfRange, DecodeError(List(fields)));
    }

    [Theory]
    [InlineData(19)]
    [InlineData(21)]
    public void Recipient_that_is_not_20_bytes_is_malformed(int length)
    {
        Assert.Equal(TransactionError.MalformedRlp, DecodeError(List(LegacyFields(to: Enumerable.Repeat((byte)0x35, length).ToArray()))));
    }

    [Fact]
    public void Empty_recipient_is_contract_creation()
    {
        Assert.True(TransactionDecoder.TryDecode(List(LegacyFields(to: [])), out var tx, out _));
        Assert.True(tx.IsContractCreation);
    }

    [Fact]
    public void Trailing_bytes_after_the_list_are_malformed()
    {
        Assert.Equal(TransactionError.MalformedRlp, DecodeError([.. List(LegacyFields()), 0x80]));
    }

    [Fact]
    public void Too_few_fields_are_malformed()
    {
        Assert.Equal(TransactionError.MalformedRlp, DecodeError(List(LegacyFields()[..8])));
    }

    [Fact]
    public void Too_many_fields_are_malformed()
    {
        Assert.Equal(TransactionError.MalformedRlp, DecodeError(List([.. LegacyFields(), Element(0x01)])));
    }

    [Fact]
    public void Field_that_is_a_list_where_a_string_belongs_is_malformed()
    {
        var fields = LegacyFields();
        fields[5] = List();
        Assert.Equal(TransactionError.MalformedRlp, DecodeError(List(fields)));
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x05)]
    [InlineData(0x7f)]
    public void Unknown_type_byte_is_unsupported(byte type)
    {
        Assert.Equal(TransactionError.UnsupportedType, DecodeError(Typed(type, List(LegacyFields()))));
    }

    [Fact]
    public void Byte_string_at_top_level_is_malformed()
    {
        Assert.Equal(TransactionError.MalformedRlp, DecodeError(Element(Enumerable.Repeat((byte)0x35, 40).ToArray())));
    }

    [Fact]
    public void Declared_length_far_beyond_the_input_is_malformed()
    {
        Assert.Equal(TransactionError.MalformedRlp, DecodeError([0x02, 0xfb, 0x7f, 0xff, 0xff, 0xff, 0xc0]));
    }

    [Theory]
    [InlineData(TransactionType.Blob)]
    [InlineData(TransactionType.SetCode)]
    public void Blob_and_set_code_transactions_without_recipient_are_rejected(TransactionType type)
    {
        var fields = new List<byte[]> { Element(0x01), Element(0x01), Element(0x01), Element(0x02), Element(0x52, 0x08), Element(), Element(), Element(), List() };
        if (type == TransactionType.Blob)
        {
            fields.Add(Element(0x01));
            fields.Add(List(Element([0x01, .. new byte[31]])));
        }
        else
        {
            fields.Add(List());
        }

        fields.AddRange([Element(0x01), Element(0x11), Element(0x22)]);
        Assert.Equal(TransactionError.MissingTo, DecodeError(Typed((byte)type, List([.. fields]))));
    }

    [Fact]
    public void Typed_y_parity_above_one_decodes_with_no_valid_parity()
    {
        var fields = new[] { Element(0x01), Element(0x01), Element(0x01), Element(0x02), Element(0x52, 0x08), Element(Enumerable.Repeat((byte)0x35, 20).ToArray()), Element(), Element(), List(), Element(0x02), Element(0x11), Element(0x22) };
        Assert.True(TransactionDecoder.TryDecode(Typed(2, List(fields)), out var tx, out _));
        Assert.Equal(Transaction.InvalidYParity, tx.YParity);
    }

    [Fact]
    public void Access_list_entry_with_short_storage_key_is_malformed()
    {
        var entry = List(Element(Enumerable.Repeat((byte)0x35, 20).ToArray()), List(Element(new byte[31])));
        var fields = new[] { Element(0x01), Element(0x01), Element(0x01), Element(0x52, 0x08), Element(Enumerable.Repeat((byte)0x35, 20).ToArray()), Element(), Element(), List(entry), Element(0x01), Element(0x11), Element(0x22) };
        Assert.Equal(TransactionError.MalformedRlp, DecodeError(Typed(1, List(fields))));
    }

    [Fact]
    public void Blob_transaction_round_trips_through_encoder_and_decoder()
    {
        var unsigned = new UnsignedTransaction
        {
            Type = TransactionType.Blob,
            ChainId = 7,
            Nonce = 3,
            MaxPriorityFeePerGas = 2,
            MaxFeePerGas = 100,
            GasLimit = 50_000,
            To = Address.Parse("0x00000000000000000000000000000000000000aa"),
            MaxFeePerBlobGas = 9,
            BlobVersionedHashes = [new Hash256([0x01, .. new byte[31]]), new Hash256([0x01, .. Enumerable.Repeat((byte)7, 31)])],
            AccessList = [new AccessListEntry(Address.Zero, [Hash256.Zero])],
        };
        var raw = TransactionEncoder.EncodeSigned(unsigned, 5, 6, 1);

        Assert.True(TransactionDecoder.TryDecode(raw, out var tx, out _));
        Assert.Equal(TransactionType.Blob, tx.Type);
        Assert.Equal(unsigned.BlobVersionedHashes, tx.BlobVersionedHashes);
        Assert.Equal(new UInt256(9), tx.MaxFeePerBlobGas);
        Assert.Equal(1, tx.AccessListStorageKeyCount);
        Assert.Equal(TransactionEncoder.EncodeSigningPayload(unsigned), tx.GetSigningPayload());
        Assert.Equal(raw, TransactionEncoder.EncodeSigned(tx.ToUnsigned(), tx.R, tx.S, tx.YParity));
    }
}
