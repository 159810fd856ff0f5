using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using GpuValidate.Ethereum.Rlp;

namespace GpuValidate.Ethereum.Blocks;

/// <summary>
/// Streams a binary block file written by <see cref="RlpBlockWriter"/>, one block (one RLP list) at a time,
/// with the strict <see cref="RlpReader"/> rules. A record longer than <see cref="BlockReaderOptions.MaxLineBytes"/>
/// is rejected from its header, before anything is allocated for it. Bad input ends the read with a
/// <see cref="BlockFormatException"/> whose line is the 1-based record number.
/// </summary>
public sealed class RlpBlockReader : IDisposable
{
    // The longest RLP list header: a prefix byte and up to 8 length bytes.
    private const int MaxHeader = 9;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly string _source;
    private readonly BlockReaderOptions _options;
    private bool _disposed;

    /// <summary>Reads blocks from <paramref name="stream"/>; <paramref name="sourceName"/> names it in errors.</summary>
    public RlpBlockReader(Stream stream, string sourceName = "input", BlockReaderOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _source = sourceName;
        _options = options ?? new BlockReaderOptions();
        _leaveOpen = leaveOpen;
    }

    /// <summary>The 1-based number of the last record read.</summary>
    public long RecordNumber { get; private set; }

    /// <summary>Opens a binary block file.</summary>
    public static RlpBlockReader Open(string path, BlockReaderOptions? options = null) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan), Path.GetFileName(path), options);

    /// <summary>The next block, or null at the end of the input.</summary>
    /// <exception cref="BlockFormatException">The next record is not a valid block.</exception>
    public Block? ReadNext()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Span<byte> header = stackalloc byte[MaxHeader];
        var got = ReadUpTo(header[..1]);
        if (got == 0)
        {
            return null;
        }

        RecordNumber++;
        if (header[0] < 0xC0)
        {
            throw Error(null, "a record must be an RLP list");
        }

        var headerLength = header[0] <= 0xF7 ? 1 : 1 + (header[0] - 0xF7);
        if (ReadUpTo(header[1..headerLength]) != headerLength - 1)
        {
            throw Error(null, "the file ends inside a record header");
        }

        // Only the header is here, so a non-empty record reads as truncated; any other error is a non-canonical header.
        var error = RlpReader.TryReadHeader(header[..headerLength], out _, out _, out _);
        if (error == RlpError.Truncated && headerLength > 5)
        {
            throw Error(null, "record length exceeds the limit");
        }

        if (error is not (RlpError.None or RlpError.Truncated))
        {
            throw Error(null, $"invalid record header ({error})");
        }

        var payloadLength = DeclaredLength(header[..headerLength]);
        if (payloadLength < 0 || payloadLength > _options.MaxLineBytes)
        {
            throw Error(null, $"record longer than the {_options.MaxLineBytes}-byte limit");
        }

        var record = ArrayPool<byte>.Shared.Rent(headerLength + payloadLength);
        try
        {
            header[..headerLength].CopyTo(record);
            if (ReadUpTo(record.AsSpan(headerLength, payloadLength)) != payloadLength)
            {
                throw Error(null, "the file ends inside a record (truncated)");
            }

            if (!TryParseRecord(record.AsSpan(0, headerLength + payloadLength), _options, out var block, out var field, out var problem))
            {
                throw Error(field, problem);
            }

            return block;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(record);
        }
    }

    /// <summary>Every remaining block, read lazily.</summary>
    /// <exception cref="BlockFormatException">A record is not a valid block.</exception>
    public IEnumerable<Block> ReadAll()
    {
        while (ReadNext() is { } block)
        {
            yield return block;
        }
    }

    /// <summary>Parses one whole record (an RLP list); on failure the field and the problem.</summary>
    public static bool TryParseRecord(
        ReadOnlySpan<byte> record,
        BlockReaderOptions options,
        [NotNullWhen(true)] out Block? block,
        out string? field,
        [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(options);
        block = null;
        field = null;
        var outer = new RlpReader(record);
        if (!outer.TryReadList(out var items) || !outer.TryEnsureEnd())
        {
            problem = $"not one RLP list ({outer.Error})";
            return false;
        }

        ulong chainIdValue = 0;
        var hasChainId = false;
        field = "number";
        if (!items.TryReadUInt64(out var number))
        {
            return Fail(items.Error, out problem);
        }

        field = "coinbase";
        if (!items.TryReadAddress(out var coinbase))
        {
            return Fail(items.Error, out problem);
        }

        field = "baseFee";
        if (!items.TryReadUInt256(out var baseFee))
        {
            return Fail(items.Error, out problem);
        }

        field = "gasLimit";
        if (!items.TryReadUInt64(out var gasLimit))
        {
            return Fail(items.Error, out problem);
        }

        field = "timestamp";
        if (!items.TryReadUInt64(out var timestamp))
        {
            return Fail(items.Error, out problem);
        }

        field = "chainId";
        if (!items.TryReadBytes(out var chainIdBytes))
        {
            return Fail(items.Error, out problem);
        }

        if (!chainIdBytes.IsEmpty)
        {
            if (chainIdBytes.Length > 8 || chainIdBytes[0] == 0)
            {
                problem = "is not a canonical 64-bit integer";
                return false;
            }

            foreach (var b in chainIdBytes)
            {
                chainIdValue = (chainIdValue << 8) | b;
            }

            hasChainId = true;
        }

        field = "transactions";
        if (!items.TryReadList(out var txList))
        {
            return Fail(items.Error, out problem);
        }

        var count = 0;
        var scan = txList;
        while (!scan.IsEnd)
        {
            field = $"transactions[{count}]";
            if (!scan.TryReadBytes(out var tx))
            {
                return Fail(scan.Error, out problem);
            }

            if (tx.Length > options.MaxTransactionBytes)
            {
                problem = $"is longer than the {options.MaxTransactionBytes}-byte limit";
                return false;
            }

            if (++count > options.MaxTransactionsPerBlock)
            {
                problem = $"more than {options.MaxTransactionsPerBlock} transactions in one block";
                return false;
            }
        }

        field = null;
        if (!items.TryEnsureEnd())
        {
            problem = "fields after the transaction list";
            return false;
        }

        var buffer = txList.Remaining.ToArray();
        var transactions = new ReadOnlyMemory<byte>[count];
        var copy = new RlpReader(buffer);
        for (var i = 0; i < count; i++)
        {
            copy.TryReadBytes(out var tx);
            transactions[i] = new ReadOnlyMemory<byte>(buffer, copy.Position - tx.Length, tx.Length);
        }

        block = new Block
        {
            Number = number,
            Coinbase = coinbase,
            BaseFee = baseFee,
            GasLimit = gasLimit,
            Timestamp = timestamp,
            ChainId = hasChainId ? chainIdValue : null,
            Transactions = transactions,
        };
        problem = null;
        return true;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private static bool Fail(RlpError error, out string problem)
    {
        problem = $"invalid ({error})";
        return false;
    }

    // The payload length a list header announces (header already checked to be a list header), or -1 past int range.
    private static int DeclaredLength(ReadOnlySpan<byte> header)
    {
        if (header[0] <= 0xF7)
        {
            return header[0] - 0xC0;
        }

        ulong length = 0;
        foreach (var b in header[1..])
        {
            length = (length << 8) | b;
        }

        return length > int.MaxValue ? -1 : (int)length;
    }

    private BlockFormatException Error(string? field, string problem) => new(_source, RecordNumber, field, problem);

    private int ReadUpTo(Span<byte> destination)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var read = _stream.Read(destination[total..]);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
