using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.Ethereum.Blocks;

/// <summary>
/// Streams a JSON-lines block file, one block per line (see docs/formats.md), holding one line in memory at a
/// time. Blank lines are skipped. Bad input ends the read with a <see cref="BlockFormatException"/> naming the
/// line and field; nothing else is thrown for it. <see cref="TryParseLine"/> parses one line without throwing.
/// </summary>
public sealed class BlockReader : IDisposable
{
    private const int ChunkSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly string _source;
    private readonly BlockReaderOptions _options;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _endOfStream;
    private bool _disposed;

    /// <summary>Reads blocks from <paramref name="stream"/>; <paramref name="sourceName"/> names it in errors.</summary>
    public BlockReader(Stream stream, string sourceName = "input", BlockReaderOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _source = sourceName;
        _options = options ?? new BlockReaderOptions();
        _leaveOpen = leaveOpen;
        _buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
    }

    /// <summary>The 1-based number of the last line read (0 before the first).</summary>
    public long LineNumber { get; private set; }

    /// <summary>Opens a block file.</summary>
    public static BlockReader Open(string path, BlockReaderOptions? options = null) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan), Path.GetFileName(path), options);

    /// <summary>The next block, or null at the end of the input.</summary>
    /// <exception cref="BlockFormatException">The next line is not a valid block.</exception>
    public Block? ReadNext()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (TryReadLine(out var line))
        {
            if (IsBlank(line.Span))
            {
                continue;
            }

            if (!TryParseLine(line.Span, _options, out var block, out var field, out var problem))
            {
                throw new BlockFormatException(_source, LineNumber, field, problem);
            }

            return block;
        }

        return null;
    }

    /// <summary>Every remaining block, read lazily.</summary>
    /// <exception cref="BlockFormatException">A line is not a valid block.</exception>
    public IEnumerable<Block> ReadAll()
    {
        while (ReadNext() is { } block)
        {
            yield return block;
        }
    }

    /// <summary>
    /// Parses one line (UTF-8 JSON) into a block; on failure returns false with the field (null for the line as
    /// a whole) and the problem.
    /// </summary>
    public static bool TryParseLine(
        ReadOnlySpan<byte> utf8Line,
        BlockReaderOptions options,
        [NotNullWhen(true)] out Block? block,
        out string? field,
        [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(options);
        block = null;
        field = null;
        try
        {
            return TryParse(utf8Line, options, out block, out field, out problem);
        }
        catch (JsonException e)
        {
            problem = $"invalid JSON ({e.Message})";
            return false;
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader reports text that is not valid UTF-8 this way when a name is read as a string.
            problem = $"invalid JSON text ({e.Message})";
            return false;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private static bool TryParse(ReadOnlySpan<byte> utf8, BlockReaderOptions options, out Block? block, out string? field, out string? problem)
    {
        block = null;
        field = null;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 4 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            problem = "a block line must be one JSON object";
            return false;
        }

        ulong number = 0, gasLimit = 0, timestamp = 0, chainIdValue = 0;
        ulong? chainId = null;
        UInt256 baseFee = default;
        Address coinbase = default;
        IReadOnlyList<ReadOnlyMemory<byte>>? transactions = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            field = name;
            if (!seen.Add(name))
            {
                problem = "appears twice";
                return false;
            }

            reader.Read();
            problem = name switch
            {
                "number" => JsonQuantity.TryUInt64(ref reader, out number),
                "gasLimit" => JsonQuantity.TryUInt64(ref reader, out gasLimit),
                "timestamp" => JsonQuantity.TryUInt64(ref reader, out timestamp),
                "chainId" => JsonQuantity.TryUInt64(ref reader, out chainIdValue),
                "baseFee" => JsonQuantity.TryUInt256(ref reader, out baseFee),
                "coinbase" => JsonQuantity.TryAddress(ref reader, out coinbase),
                "transactions" => TryReadTransactions(ref reader, options, out transactions, ref field),
                _ => Skip(ref reader),
            };
            if (problem is not null)
            {
                return false;
            }

            if (name == "chainId")
            {
                chainId = chainIdValue;
            }
        }

        // The object is closed; anything after it is invalid JSON, which the reader reports by throwing.
        while (reader.Read())
        {
        }

        field = null;
        foreach (var required in (ReadOnlySpan<string>)["number", "coinbase", "gasLimit", "transactions"])
        {
            if (!seen.Contains(required))
            {
                field = required;
                problem = "is missing";
                return false;
            }
        }

        block = new Block
        {
            Number = number,
            Coinbase = coinbase,
            BaseFee = baseFee,
            GasLimit = gasLimit,
            Timestamp = timestamp,
            ChainId = chainId,
            Transactions = transactions!,
        };
        problem = null;
        return true;
    }

    private static string? Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    // Two passes over the array: check and size every string, then decode them all into one buffer.
    private static string? TryReadTransactions(ref Utf8JsonReader reader, BlockReaderOptions options, out IReadOnlyList<ReadOnlyMemory<byte>>? transactions, ref string? field)
    {
        transactions = null;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return $"is a JSON {JsonQuantity.Describe(reader.TokenType)}, not an array of hex strings";
        }

        var scan = reader;
        var count = 0;
        long total = 0;
        while (scan.Read() && scan.TokenType != JsonTokenType.EndArray)
        {
            field = $"transactions[{count}]";
            if (scan.TokenType != JsonTokenType.String || scan.ValueIsEscaped)
            {
                return "is not a plain hex string";
            }

            if (scan.ValueSpan.Length / 2 > options.MaxTransactionBytes)
            {
                return $"is longer than the {options.MaxTransactionBytes}-byte limit";
            }

            var bytes = JsonQuantity.HexByteCount(scan.ValueSpan);
            if (bytes < 0)
            {
                return "is not hex of even length";
            }

            if (++count > options.MaxTransactionsPerBlock)
            {
                return $"more than {options.MaxTransactionsPerBlock} transactions in one block";
            }

            total += bytes;
        }

        field = "transactions";
        var buffer = new byte[total];
        var list = new ReadOnlyMemory<byte>[count];
        var offset = 0;
        for (var i = 0; i < count; i++)
        {
            reader.Read();
            var length = JsonQuantity.HexByteCount(reader.ValueSpan);
            JsonQuantity.DecodeHex(reader.ValueSpan, buffer.AsSpan(offset, length));
            list[i] = new ReadOnlyMemory<byte>(buffer, offset, length);
            offset += length;
        }

        reader.Read();
        transactions = list;
        return null;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r"u8) < 0;

    // One line without its terminator; the bytes stay valid until the next call.
    private bool TryReadLine(out ReadOnlyMemory<byte> line)
    {
        var scanned = _start;
        while (true)
        {
            var newline = _buffer.AsSpan(scanned, _end - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var stop = scanned + newline;
                line = _buffer.AsMemory(_start, stop - _start);
                _start = stop + 1;
                LineNumber++;
                return true;
            }

            scanned = _end;
            if (_endOfStream)
            {
                if (_start == _end)
                {
                    line = default;
                    return false;
                }

                line = _buffer.AsMemory(_start, _end - _start);
                _start = _end;
                LineNumber++;
                return true;
            }

            if (_end - _start > _options.MaxLineBytes)
            {
                throw new BlockFormatException(_source, LineNumber + 1, null, $"line longer than the {_options.MaxLineBytes}-byte limit");
            }

            if (_end == _buffer.Length)
            {
                var pending = _end - _start;
                var target = _start > 0 && pending < _buffer.Length / 2 ? _buffer : ArrayPool<byte>.Shared.Rent(Math.Max(ChunkSize, _buffer.Length * 2));
                Buffer.BlockCopy(_buffer, _start, target, 0, pending);
                if (!ReferenceEquals(target, _buffer))
                {
                    ArrayPool<byte>.Shared.Return(_buffer);
                    _buffer = target;
                }

                scanned -= _start;
                _start = 0;
                _end = pending;
            }

            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _endOfStream = true;
            }

            _end += read;
        }
    }
}
