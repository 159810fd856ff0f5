using System.Text.Json;

namespace GpuValidate.Ethereum.Blocks;

/// <summary>
/// Writes blocks as JSON lines in the form <see cref="BlockReader"/> reads: 64-bit fields as JSON numbers,
/// the base fee as a 0x-hex string, addresses and transactions as 0x-hex, one block per line.
/// </summary>
public sealed class BlockWriter : IDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly Utf8JsonWriter _json;
    private bool _disposed;

    /// <summary>Writes to <paramref name="stream"/>.</summary>
    public BlockWriter(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _json = new Utf8JsonWriter(stream, new JsonWriterOptions { SkipValidation = false });
    }

    /// <summary>Creates (or replaces) a block file.</summary>
    public static BlockWriter Create(string path) => new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024));

    /// <summary>Writes one block as one line.</summary>
    public void Write(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _json.Reset();
        _json.WriteStartObject();
        _json.WriteNumber("number", block.Number);
        _json.WriteString("coinbase", block.Coinbase.ToString());
        _json.WriteString("baseFee", block.BaseFee.ToHexString());
        _json.WriteNumber("gasLimit", block.GasLimit);
        _json.WriteNumber("timestamp", block.Timestamp);
        if (block.ChainId is { } chainId)
        {
            _json.WriteNumber("chainId", chainId);
        }

        _json.WriteStartArray("transactions");
        foreach (var tx in block.Transactions)
        {
            _json.WriteStringValue("0x" + Convert.ToHexStringLower(tx.Span));
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.Flush();
        _stream.Write(NewLine);
    }

    /// <summary>Flushes the underlying stream.</summary>
    public void Flush() => _stream.Flush();

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _json.Dispose();
        _stream.Flush();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
