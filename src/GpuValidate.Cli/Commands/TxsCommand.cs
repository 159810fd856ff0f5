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

    public static Command Create(TextWriter? output = null)
    {
        var input = new Option<FileInfo>("--input", "-i") { Description = "File with one raw transaction per line (hex, 0x optional).", Required = true };
        var chainId = new Option<ulong>("--chain-id") { Description = "Chain id transactions must carry.", DefaultValueFactory = _ => 1 };
        var backend = SignatureBackendOption.Create();
        var fork = new Option<string>("--fork") { Description = $"Fork rules: {string.Join(", ", Enum.GetNames<Fork>())}.", DefaultValueFactory = _ => ForkRules.Latest.ToString() };
        var batchSize = new Option<int>("--batch-size") { Description = "Transactions per batch.", DefaultValueFactory = _ => DefaultBatchSize };
        var command = new Command("txs", "Validate raw transactions (decode, static checks, sender recovery); one JSON verdict per input line.")
        {
            input, chainId, backend, fork, batchSize,
        };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(input)!;
            if (!file.Exists)
            {
                throw new CliInputException($"input file not found: {file.FullName}");
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
            Run(file.FullName, validator, size, output ?? Console.Out);
            return 0;
        });
        return command;
    }

    private static void Run(string path, TransactionBatchValidator validator, int batchSize, TextWriter output)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16, Options = FileOptions.SequentialScan });
        var raws = new List<ReadOnlyMemory<byte>>(batchSize);
        var badLines = new List<long>();
        var verdicts = new TransactionVerdict[batchSize];
        var line = new StringBuilder(256);
        long index = 0;
        long flushedUpTo = 0;

        void Flush()
        {
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

        while (reader.ReadLine() is { } text)
        {
            if (TryParseHex(text, out var raw))
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

    private static bool TryParseHex(string text, out ReadOnlyMemory<byte> raw)
    {
        raw = default;
        var digits = text.AsSpan().Trim();
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
