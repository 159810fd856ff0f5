using System.CommandLine;
using System.Globalization;
using System.Text;
using GpuValidate.Ethereum.Transactions;
using GpuValidate.Pipeline.Validation;

namespace GpuValidate.Cli.Commands;

/// <summary>
/// <c>gpuvalidate txs --input FILE</c>: one raw transaction per line (hex, with or without 0x) in, one JSON
/// verdict per line out, in order. Lines are read and validated in batches, so memory stays bounded.
/// </summary>
internal static class TxsCommand
{
    /// <summary>Transactions per validation batch (one engine call each).</summary>
    public const int DefaultBatchSize = 4096;

    /// <summary>The longest input line read; a longer one is a <c>bad-input</c> line (it is skipped, not held).</summary>
    public const int MaxLineChars = 64 * 1024 * 1024;

    public static Command Create(TextWriter? output = null)
    {
        var input = new Option<string>("--input", "-i") { Description = "File with one raw transaction per line (hex, 0x optional); '-' for standard input.", Required = true, HelpName = "file" };
        var chainId = new Option<ulong>("--chain-id") { Description = "Chain id transactions must carry.", DefaultValueFactory = _ => 1 };
        var backend = SignatureBackendOption.Create();
        var fork = new Option<string>("--fork") { Description = $"Fork rules: {string.Join(", ", Enum.GetNames<Fork>())}.", DefaultValueFactory = _ => ForkRules.Latest.ToString() };
        var batchSize = new Option<int>("--batch-size") { Description = "Transactions per batch (one signature-engine call each).", DefaultValueFactory = _ => DefaultBatchSize };
        var command = new Command("txs", "Validate raw transactions (decode, static checks, sender recovery); one JSON verdict per input line.")
        {
            input, chainId, backend, fork, batchSize,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var path = parse.GetValue(input)!;
            if (path != "-" && !File.Exists(path))
            {
                throw new CliInputException($"input file not found: {path}");
            }

            if (!ForkRules.TryParse(parse.GetValue(fork), out var rules))
            {
                throw new CliInputException($"unknown fork '{parse.GetValue(fork)}' (expected one of {string.Join(", ", Enum.GetNames<Fork>())})");
            }

            var size = parse.GetValue(batchSize);
            if (size < 1)
            {
                throw new CliInputException("--batch-size must be at least 1");
            }

            using var engine = SignatureBackendOption.Select(parse.GetValue(backend)).Engine;
            var validator = new TransactionBatchValidator(engine, new ValidationOptions { ChainId = parse.GetValue(chainId), Fork = rules });
            using var reader = path == "-"
                ? new StreamReader(Console.OpenStandardInput())
                : new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16, Options = FileOptions.SequentialScan });
            if (output is not null)
            {
                Run(reader, output, validator, size, cancellationToken);
            }
            else
            {
                using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
                Run(reader, stdout, validator, size, cancellationToken);
            }

            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>Answers every line of <paramref name="input"/> on <paramref name="output"/>, in order, in batches.</summary>
    public static void Run(TextReader input, TextWriter output, TransactionBatchValidator validator, int batchSize, CancellationToken cancellationToken)
    {
        var raws = new List<ReadOnlyMemory<byte>>(batchSize);
        var badLines = new List<long>();
        var verdicts = new TransactionVerdict[batchSize];
        var text = new StringBuilder(512);
        var line = new StringBuilder(256);
        long index = 0;
        long flushedUpTo = 0;

        void Flush()
        {
            cancellationToken.ThrowIfCancellationRequested();
            validator.Validate(raws, verdicts);
            int next = 0, bad = 0;
            for (var i = flushedUpTo; i < index; i++)
            {
                line.Clear();
                if (bad < badLines.Count && badLines[bad] == i)
                {
                    WriteBadInput(line, i);
                    bad++;
                }
                else
                {
                    WriteVerdict(line, i, verdicts[next++]);
                }

                output.Write(line.Append('\n'));
            }

            output.Flush();
            flushedUpTo = index;
            raws.Clear();
            badLines.Clear();
        }

        while (ReadBoundedLine(input, text, out var tooLong))
        {
            if (!tooLong && TryParseHex(text, out var raw))
            {
                raws.Add(raw);
            }
            else
            {
                badLines.Add(index);
            }

            index++;
            if (raws.Count == batchSize || index - flushedUpTo >= 4L * batchSize)
            {
                Flush();
            }
        }

        Flush();
    }

    // Reads one line into text (without its terminator); a line past MaxLineChars is consumed but not kept.
    private static bool ReadBoundedLine(TextReader reader, StringBuilder text, out bool tooLong)
    {
        text.Clear();
        tooLong = false;
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            if (c == '\n')
            {
                return true;
            }

            if (text.Length < MaxLineChars)
            {
                text.Append((char)c);
            }
            else
            {
                tooLong = true;
            }
        }

        return any;
    }

    private static bool TryParseHex(StringBuilder text, out ReadOnlyMemory<byte> raw)
    {
        raw = default;
        var chars = text.Length <= 4096 ? stackalloc char[text.Length] : new char[text.Length];
        text.CopyTo(0, chars, text.Length);
        ReadOnlySpan<char> digits = chars.Trim();
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[2..];
        }

        if (digits.IsEmpty || digits.Length % 2 != 0)
        {
            return false;
        }

        var bytes = new byte[digits.Length / 2];
        if (Convert.FromHexString(digits, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != bytes.Length)
        {
            return false;
        }

        raw = bytes;
        return true;
    }

    private static void WriteBadInput(StringBuilder line, long index) =>
        line.Append(CultureInfo.InvariantCulture, $"{{\"index\":{index},\"valid\":false,\"type\":null,\"hash\":null,\"signingHash\":null,\"sender\":null,\"nonce\":null,\"error\":\"{TransactionError.BadInput.ToCode()}\"}}");

    private static void WriteVerdict(StringBuilder line, long index, in TransactionVerdict verdict)
    {
        line.Append(CultureInfo.InvariantCulture, $"{{\"index\":{index},\"valid\":{(verdict.IsValid ? "true" : "false")}");
        if (verdict.Transaction is { } tx)
        {
            line.Append(CultureInfo.InvariantCulture, $",\"type\":{(int)tx.Type},\"hash\":\"{verdict.Hash}\",\"signingHash\":\"{verdict.SigningHash}\"");
        }
        else
        {
            line.Append(",\"type\":null,\"hash\":null,\"signingHash\":null");
        }

        line.Append(verdict.IsValid ? $",\"sender\":\"{verdict.Sender}\"" : ",\"sender\":null");
        line.Append(verdict.Transaction is { } t ? string.Create(CultureInfo.InvariantCulture, $",\"nonce\":{t.Nonce}") : ",\"nonce\":null");
        if (!verdict.IsValid)
        {
            line.Append(CultureInfo.InvariantCulture, $",\"error\":\"{verdict.Error.ToCode()}\"");
        }

        line.Append('}');
    }
}
