using System.Buffers;
using System.CommandLine;
using System.Text;
using System.Text.Json;
using GpuValidate.Engine;
using GpuValidate.Engine.Encoding;

namespace GpuValidate.Cli.Commands;

/// <summary>
/// <c>gpuvalidate verify --input FILE.jsonl</c>: one JSON object per input line (<c>op</c> ecdsa | schnorr | recover,
/// <c>msg</c>, <c>pubkey</c>, <c>sig</c>, optional <c>lowS</c> and <c>id</c>), answered in order with one JSON object
/// per line. Lines are read and answered in batches, so memory stays bounded however long the file is; a line that
/// cannot be used gets <c>{"valid":false,"error":"bad-input"}</c> and the run goes on.
/// </summary>
internal static class VerifyCommand
{
    /// <summary>Lines per engine batch: large enough to fill a GPU share, small enough to bound memory.</summary>
    public const int BatchSize = 16_384;

    private enum Operation
    {
        Ecdsa,
        Schnorr,
        Recover,
    }

    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "The JSON-lines file to verify ('-' for standard input).", Required = true, HelpName = "file" };
        var output = new Option<string?>("--output") { Description = "Where to write the answers (default: standard output).", HelpName = "file" };
        var backend = SignatureBackendOption.Create();
        var command = new Command("verify", "Verify ECDSA and Schnorr signatures and recover ECDSA keys, one JSON object per input line.")
        {
            input,
            output,
            backend,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var inputPath = parse.GetValue(input)!;
            var outputPath = parse.GetValue(output);
            if (inputPath != "-" && !File.Exists(inputPath))
            {
                throw new CliInputException($"input file not found: {inputPath}");
            }

            using var engine = SignatureBackendOption.Select(parse.GetValue(backend)).Engine;
            using var reader = inputPath == "-" ? new StreamReader(Console.OpenStandardInput()) : new StreamReader(inputPath);
            using var writer = OpenOutput(outputPath);
            Run(reader, writer, engine, cancellationToken);
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>Answers every line of <paramref name="input"/> on <paramref name="output"/>, in order.</summary>
    public static void Run(TextReader input, TextWriter output, ISignatureEngine engine, CancellationToken cancellationToken)
    {
        var batch = new List<Item>(BatchSize);
        string? line;
        while ((line = input.ReadLine()) is not null)
        {
            batch.Add(Item.Parse(line));
            if (batch.Count == BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Answer(batch, output, engine);
                batch.Clear();
            }
        }

        Answer(batch, output, engine);
        output.Flush();
    }

    private static StreamWriter OpenOutput(string? path)
    {
        if (path is null)
        {
            return new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
        }

        try
        {
            return new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"cannot write {path}: {e.Message}");
        }
    }

    private static void Answer(List<Item> batch, TextWriter output, ISignatureEngine engine)
    {
        VerifyEcdsa(batch.Where(i => i.Op == Operation.Ecdsa && i.Error == SignatureError.None).ToList(), engine);
        VerifySchnorr(batch.Where(i => i.Op == Operation.Schnorr && i.Error == SignatureError.None).ToList(), engine);
        Recover(batch.Where(i => i.Op == Operation.Recover && i.Error == SignatureError.None).ToList(), engine);
        var buffer = new ArrayBufferWriter<byte>(256);
        using var json = new Utf8JsonWriter(buffer);
        foreach (var item in batch)
        {
            buffer.ResetWrittenCount();
            json.Reset(buffer);
            item.Write(json);
            json.Flush();
            output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
    }

    private static void VerifyEcdsa(List<Item> items, ISignatureEngine engine)
    {
        var n = items.Count;
        var digests = new byte[32 * n];
        var signatures = new byte[64 * n];
        var keys = new byte[65 * n];
        var keyLengths = new byte[n];
        for (var i = 0; i < n; i++)
        {
            items[i].Message.CopyTo(digests, 32 * i);
            items[i].Signature.CopyTo(signatures, 64 * i);
            items[i].PublicKey.CopyTo(keys, 65 * i);
            keyLengths[i] = (byte)items[i].PublicKey.Length;
        }

        // One engine call per low-S setting, so each batch keeps its flag.
        foreach (var lowS in (ReadOnlySpan<bool>)[true, false])
        {
            var picked = Enumerable.Range(0, n).Where(i => items[i].LowS == lowS).ToArray();
            if (picked.Length == 0)
            {
                continue;
            }

            var results = new SignatureError[picked.Length];
            engine.VerifyEcdsa(
                picked.SelectMany(i => digests.AsSpan(32 * i, 32).ToArray()).ToArray(),
                picked.SelectMany(i => signatures.AsSpan(64 * i, 64).ToArray()).ToArray(),
                picked.SelectMany(i => keys.AsSpan(65 * i, 65).ToArray()).ToArray(),
                picked.Select(i => keyLengths[i]).ToArray(),
                lowS,
                results);
            for (var j = 0; j < picked.Length; j++)
            {
                items[picked[j]].Error = results[j];
            }
        }
    }

    private static void VerifySchnorr(List<Item> items, ISignatureEngine engine)
    {
        var n = items.Count;
        var offsets = new int[n];
        var lengths = new int[n];
        var messages = new byte[items.Sum(i => i.Message.Length)];
        var at = 0;
        for (var i = 0; i < n; i++)
        {
            offsets[i] = at;
            lengths[i] = items[i].Message.Length;
            items[i].Message.CopyTo(messages, at);
            at += lengths[i];
        }

        var results = new SignatureError[n];
        engine.VerifySchnorr(
            items.SelectMany(i => i.PublicKey).ToArray(),
            items.SelectMany(i => i.Signature).ToArray(),
            messages,
            offsets,
            lengths,
            results);
        for (var i = 0; i < n; i++)
        {
            items[i].Error = results[i];
        }
    }

    private static void Recover(List<Item> items, ISignatureEngine engine)
    {
        var n = items.Count;
        var keys = new byte[64 * n];
        var addresses = new byte[20 * n];
        var results = new SignatureError[n];
        engine.Recover(items.SelectMany(i => i.Message).ToArray(), items.SelectMany(i => i.Signature).ToArray(), keys, addresses, results);
        for (var i = 0; i < n; i++)
        {
            items[i].Error = results[i];
            if (results[i] == SignatureError.None)
            {
                items[i].RecoveredKey = [0x04, .. keys.AsSpan(64 * i, 64)];
                items[i].Address = addresses.AsSpan(20 * i, 20).ToArray();
            }
        }
    }

    /// <summary>One input line, parsed, and its answer once the engine has run.</summary>
    private sealed class Item
    {
        private string? _id;

        public Operation Op { get; private set; }

        public byte[] Message { get; private set; } = [];

        public byte[] PublicKey { get; private set; } = [];

        public byte[] Signature { get; private set; } = [];

        public bool LowS { get; private set; } = true;

        /// <summary>The verdict: set by parsing when the line is unusable, else by the engine.</summary>
        public SignatureError Error { get; set; }

        public byte[]? RecoveredKey { get; set; }

        public byte[]? Address { get; set; }

        public static Item Parse(string line)
        {
            var item = new Item();
            try
            {
                using var document = JsonDocument.Parse(line);
                item.Error = item.Read(document.RootElement);
            }
            catch (JsonException)
            {
                item.Error = SignatureError.BadInput;
            }

            return item;
        }

        public void Write(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            if (_id is not null)
            {
                json.WritePropertyName("id");
                json.WriteRawValue(_id, skipInputValidation: true);
            }

            json.WriteBoolean("valid", Error == SignatureError.None);
            if (Error != SignatureError.None)
            {
                json.WriteString("error", Error.ToCode());
            }
            else if (Op == Operation.Recover)
            {
                json.WriteString("pubkey", Convert.ToHexStringLower(RecoveredKey!));
                json.WriteString("address", Convert.ToHexStringLower(Address!));
            }

            json.WriteEndObject();
        }

        private static bool TryHex(JsonElement root, string name, out byte[] bytes)
        {
            bytes = [];
            if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            var text = value.GetString()!;
            if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                text = text[2..];
            }

            if (text.Length % 2 != 0)
            {
                return false;
            }

            bytes = new byte[text.Length / 2];
            return Convert.FromHexString(text, bytes, out _, out _) == System.Buffers.OperationStatus.Done;
        }

        private SignatureError Read(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                return SignatureError.BadInput;
            }

            if (root.TryGetProperty("id", out var id))
            {
                _id = id.GetRawText();
            }

            if (!root.TryGetProperty("op", out var op) || op.ValueKind != JsonValueKind.String)
            {
                return SignatureError.BadInput;
            }

            switch (op.GetString())
            {
                case "ecdsa": Op = Operation.Ecdsa; break;
                case "schnorr": Op = Operation.Schnorr; break;
                case "recover": Op = Operation.Recover; break;
                default: return SignatureError.BadInput;
            }

            if (root.TryGetProperty("lowS", out var lowS))
            {
                if (lowS.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    return SignatureError.BadInput;
                }

                LowS = lowS.GetBoolean();
            }

            if (!TryHex(root, "msg", out var message) || !TryHex(root, "sig", out var signature))
            {
                return SignatureError.BadInput;
            }

            var publicKey = Array.Empty<byte>();
            if (Op != Operation.Recover && !TryHex(root, "pubkey", out publicKey))
            {
                return SignatureError.BadInput;
            }

            Message = message;
            PublicKey = publicKey;
            return Op switch
            {
                Operation.Ecdsa => ReadEcdsa(signature),
                Operation.Schnorr => ReadSchnorr(signature),
                _ => ReadRecover(signature),
            };
        }

        private SignatureError ReadEcdsa(byte[] signature)
        {
            if (Message.Length != 32)
            {
                return SignatureError.BadInput;
            }

            if (PublicKey.Length is not (Sec1PublicKey.CompressedLength or Sec1PublicKey.UncompressedLength))
            {
                return SignatureError.BadPublicKey;
            }

            // 64 bytes is r||s; anything else must be strict DER.
            if (signature.Length == 64)
            {
                Signature = signature;
                return SignatureError.None;
            }

            Signature = new byte[64];
            return DerSignature.TryParse(signature, Signature, out var error) ? SignatureError.None : error;
        }

        private SignatureError ReadSchnorr(byte[] signature)
        {
            if (signature.Length != 64)
            {
                return SignatureError.BadInput;
            }

            Signature = signature;
            return PublicKey.Length == 32 ? SignatureError.None : SignatureError.BadPublicKey;
        }

        private SignatureError ReadRecover(byte[] signature)
        {
            if (Message.Length != 32 || signature.Length != 65)
            {
                return SignatureError.BadInput;
            }

            Signature = signature;
            return SignatureError.None;
        }
    }
}
