using System.CommandLine;
using System.Text.Json;
using GpuValidate.Cli.Commands;
using GpuValidate.Engine.Backends;
using GpuValidate.Engine.Encoding;
using GpuValidate.TestSupport;
using NBitcoin.Secp256k1;

namespace GpuValidate.Cli.Tests;

/// <summary>
/// <c>gpuvalidate verify</c> through the command runner on temporary files; expected answers come from
/// NBitcoin.Secp256k1 (signing, keys) and BouncyCastle (Keccak addresses), never from the engine.
/// </summary>
public sealed class VerifyCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gpuvalidate-verify-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static ECPrivKey Key(int seed)
    {
        var secret = new byte[32];
        new Random(seed).NextBytes(secret);
        secret[0] &= 0x7F;
        return Context.Instance.TryCreateECPrivKey(secret, out var key) ? key! : throw new InvalidOperationException();
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    private static byte[] Digest(int seed)
    {
        var digest = new byte[32];
        new Random(seed + 1000).NextBytes(digest);
        return digest;
    }

    private static string PublicKey(ECPrivKey key, bool compressed)
    {
        var buffer = new byte[65];
        key.CreatePubKey().WriteToSpan(compressed, buffer, out var length);
        return Hex(buffer.AsSpan(0, length));
    }

    private static byte[] Compact(ECPrivKey key, byte[] digest)
    {
        var signature = new byte[64];
        key.SignECDSARFC6979(digest).WriteCompactToSpan(signature);
        return signature;
    }

    private (int Code, string Error, string[] Output) Verify(IEnumerable<string> lines, params string[] extra)
    {
        var input = Path.Combine(_directory, "in.jsonl");
        var output = Path.Combine(_directory, "out.jsonl");
        File.WriteAllLines(input, lines);
        File.Delete(output);
        var root = new RootCommand("test");
        root.Subcommands.Add(VerifyCommand.Create());
        var error = new StringWriter();
        var code = CommandRunner.Run(root, ["verify", "--input", input, "--output", output, .. extra], error);
        return (code, error.ToString(), File.Exists(output) ? File.ReadAllLines(output) : []);
    }

    [Fact]
    public void Valid_ecdsa_in_compact_and_der_form_verifies_with_ids_echoed()
    {
        var key = Key(1);
        var digest = Digest(1);
        var compact = Compact(key, digest);
        var der = new byte[72];
        var derLength = DerSignature.Encode(compact, der);

        var (code, _, output) = Verify(
        [
            $$"""{"id":1,"op":"ecdsa","msg":"{{Hex(digest)}}","pubkey":"{{PublicKey(key, true)}}","sig":"{{Hex(compact)}}"}""",
            $$"""{"id":"two","op":"ecdsa","msg":"0x{{Hex(digest)}}","pubkey":"{{PublicKey(key, false)}}","sig":"{{Hex(der.AsSpan(0, derLength))}}"}""",
        ]);

        Assert.Equal(0, code);
        Assert.Equal(["""{"id":1,"valid":true}""", """{"id":"two","valid":true}"""], output);
    }

    [Fact]
    public void High_s_is_rejected_by_default_and_accepted_with_low_s_false()
    {
        var key = Key(2);
        var digest = Digest(2);
        var signature = Compact(key, digest);
        CurveBytes.NegateModOrder(signature.AsSpan(32, 32).ToArray(), signature.AsSpan(32, 32));
        var item = $$"""
            "op":"ecdsa","msg":"{{Hex(digest)}}","pubkey":"{{PublicKey(key, true)}}","sig":"{{Hex(signature)}}"
            """;

        var (_, _, output) = Verify(["{" + item + "}", "{" + item + ""","lowS":false}""", "{" + item + ""","lowS":true}"""]);

        Assert.Equal(["""{"valid":false,"error":"high-s"}""", """{"valid":true}""", """{"valid":false,"error":"high-s"}"""], output);
    }

    [Fact]
    public void Schnorr_verifies_32_byte_and_other_length_messages()
    {
        var key = Key(3);
        var message = Digest(3);
        Assert.True(key.TrySignBIP340(message, null, out var signature));
        var sig = new byte[64];
        signature!.WriteToSpan(sig);
        var xonly = new byte[32];
        key.CreateXOnlyPubKey().WriteToSpan(xonly);
        var wrong = (byte[])message.Clone();
        wrong[0] ^= 1;

        // BIP-340 vector 17: a 17-byte message.
        var (_, _, output) = Verify(
        [
            $$"""{"op":"schnorr","msg":"{{Hex(message)}}","pubkey":"{{Hex(xonly)}}","sig":"{{Hex(sig)}}"}""",
            $$"""{"op":"schnorr","msg":"{{Hex(wrong)}}","pubkey":"{{Hex(xonly)}}","sig":"{{Hex(sig)}}"}""",
            """{"op":"schnorr","msg":"0102030405060708090A0B0C0D0E0F1011","pubkey":"778CAA53B4393AC467774D09497A87224BF9FAB6F6E68B23086497324D6FD117","sig":"5130F39A4059B43BC7CAC09A19ECE52B5D8699D1A71E3C52DA9AFDB6B50AC370C4A482B77BF960F8681540E25B6771ECE1E5A37FD80E5A51897C5566A97EA5A5"}""",
        ]);

        Assert.Equal(["""{"valid":true}""", """{"valid":false,"error":"bad-signature"}""", """{"valid":true}"""], output);
    }

    [Fact]
    public void Recover_outputs_the_uncompressed_key_and_its_keccak_address()
    {
        var key = Key(4);
        var digest = Digest(4);
        Assert.True(key.TrySignRecoverable(digest, out var recoverable));
        var sig = new byte[65];
        recoverable!.WriteToSpanCompact(sig.AsSpan(0, 64), out var recid);
        sig[64] = (byte)recid;
        var publicKey = PublicKey(key, false);
        var hash = KeccakOracle.Hash(Convert.FromHexString(publicKey).AsSpan(1));

        var (_, _, output) = Verify([$$"""{"id":[7],"op":"recover","msg":"{{Hex(digest)}}","sig":"{{Hex(sig)}}"}"""]);

        using var answer = JsonDocument.Parse(output.Single());
        Assert.Equal("[7]", answer.RootElement.GetProperty("id").GetRawText());
        Assert.True(answer.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal(publicKey, answer.RootElement.GetProperty("pubkey").GetString());
        Assert.Equal(Hex(hash.AsSpan(12)), answer.RootElement.GetProperty("address").GetString());
    }

    [Fact]
    public void Bad_lines_get_bad_input_and_the_run_goes_on()
    {
        var key = Key(5);
        var digest = Digest(5);
        var good = $$"""{"op":"ecdsa","msg":"{{Hex(digest)}}","pubkey":"{{PublicKey(key, true)}}","sig":"{{Hex(Compact(key, digest))}}"}""";

        var (code, _, output) = Verify(
        [
            "not json",
            good,
            """{"id":9,"op":"ecdsa","msg":"00"}""",
            string.Empty,
            """{"id":10,"op":"sign","msg":"00","sig":"00","pubkey":"00"}""",
            """{"op":"ecdsa","msg":"zz","sig":"00","pubkey":"00"}""",
            """[1,2]""",
            good,
        ]);

        Assert.Equal(0, code);
        Assert.Equal(
        [
            """{"valid":false,"error":"bad-input"}""",
            """{"valid":true}""",
            """{"id":9,"valid":false,"error":"bad-input"}""",
            """{"valid":false,"error":"bad-input"}""",
            """{"id":10,"valid":false,"error":"bad-input"}""",
            """{"valid":false,"error":"bad-input"}""",
            """{"valid":false,"error":"bad-input"}""",
            """{"valid":true}""",
        ],
            output);
    }

    [Fact]
    public void Malformed_signatures_and_keys_get_their_reason_codes()
    {
        var key = Key(6);
        var digest = Digest(6);
        var compact = Compact(key, digest);
        var der = new byte[72];
        var length = DerSignature.Encode(compact, der);
        der[1]++; // the outer length no longer matches: not strict DER
        var pub = PublicKey(key, true);

        var (_, _, output) = Verify(
        [
            $$"""{"op":"ecdsa","msg":"{{Hex(digest)}}","pubkey":"{{pub}}","sig":"{{Hex(der.AsSpan(0, length))}}"}""",
            $$"""{"op":"ecdsa","msg":"{{Hex(digest)}}","pubkey":"{{pub[..20]}}","sig":"{{Hex(compact)}}"}""",
            $$"""{"op":"ecdsa","msg":"{{Hex(digest)}}","pubkey":"{{pub}}","sig":"{{Hex(new byte[64])}}"}""",
            $$"""{"op":"recover","msg":"{{Hex(digest)}}","sig":"{{Hex(compact)}}07"}""",
        ]);

        Assert.Equal(
        [
            """{"valid":false,"error":"bad-der"}""",
            """{"valid":false,"error":"bad-pubkey"}""",
            """{"valid":false,"error":"r-out-of-range"}""",
            """{"valid":false,"error":"bad-recovery-id"}""",
        ],
            output);
    }

    [Fact]
    public void Large_files_are_answered_in_order_across_batches()
    {
        var key = Key(7);
        var digest = Digest(7);
        var signature = Compact(key, digest);
        var pub = PublicKey(key, true);
        var wrong = (byte[])digest.Clone();
        wrong[31] ^= 1;
        var count = VerifyCommand.BatchSize + 1000;
        var lines = Enumerable.Range(0, count).Select(i => i % 3 == 2
            ? "{"
            : $$"""{"id":{{i}},"op":"ecdsa","msg":"{{Hex(i % 3 == 0 ? digest : wrong)}}","pubkey":"{{pub}}","sig":"{{Hex(signature)}}"}""");

        var (code, _, output) = Verify(lines, "--backend", "native");

        Assert.Equal(0, code);
        Assert.Equal(count, output.Length);
        for (var i = 0; i < count; i++)
        {
            var expected = (i % 3) switch
            {
                0 => $$"""{"id":{{i}},"valid":true}""",
                1 => $$"""{"id":{{i}},"valid":false,"error":"bad-signature"}""",
                _ => """{"valid":false,"error":"bad-input"}""",
            };
            Assert.True(expected == output[i], $"line {i}: {output[i]}");
        }
    }

    [Fact]
    public void Missing_input_file_is_a_one_line_input_error()
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(VerifyCommand.Create());
        var error = new StringWriter();

        var code = CommandRunner.Run(root, ["verify", "--input", Path.Combine(_directory, "absent.jsonl")], error);

        Assert.Equal(CommandRunner.InputError, code);
        Assert.StartsWith("error: input file not found", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unwritable_output_is_a_one_line_input_error()
    {
        var input = Path.Combine(_directory, "in.jsonl");
        File.WriteAllLines(input, ["{}"]);
        var root = new RootCommand("test");
        root.Subcommands.Add(VerifyCommand.Create());
        var error = new StringWriter();

        var code = CommandRunner.Run(root, ["verify", "--input", input, "--backend", "native", "--output", Path.Combine(_directory, "no", "such", "dir", "out.jsonl")], error);

        Assert.Equal(CommandRunner.InputError, code);
        Assert.StartsWith("error: cannot write", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_backend_is_a_usage_error()
    {
        var (code, error, _) = Verify([], "--backend", "tpu");

        Assert.Equal(CommandRunner.UsageError, code);
        Assert.Contains("unknown backend 'tpu'", error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Cuda_without_a_cuda_device_is_a_one_line_error()
    {
        Skip.If(DeviceInventory.List().Any(d => d.Backend == BackendKind.Cuda), "this machine has a CUDA device");

        var (code, error, _) = Verify(["{}"], "--backend", "cuda");

        Assert.Equal(CommandRunner.InputError, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("cuda", error, StringComparison.Ordinal);
    }
}
