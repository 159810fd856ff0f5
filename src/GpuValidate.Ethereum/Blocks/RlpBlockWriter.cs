using GpuValidate.Ethereum.Rlp;

namespace GpuValidate.Ethereum.Blocks;

/// <summary>
/// Writes blocks in the binary framing <see cref="RlpBlockReader"/> reads: each block is one RLP list
/// <c>[number, coinbase, baseFee, gasLimit, timestamp, chainId, [tx, ...]]</c> (chainId the empty string when
/// absent, each transaction its raw bytes as a byte string), back to back. RLP is self-delimiting, so no other
/// framing is needed; reading skips JSON and hex entirely.
/// </summary>
public sealed class RlpBlockWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private bool _disposed;

    /// <summary>Writes to <paramref name="stream"/>.</summary>
    public RlpBlockWriter(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
    }

    /// <summary>Creates (or replaces) a binary block file.</summary>
    public static RlpBlockWriter Create(string path) => new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024));

    /// <summary>The encoding of one block.</summary>
    public static byte[] Encode(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var txs = 0;
        foreach (var tx in block.Transactions)
        {
            txs += RlpWriter.LengthOfBytes(tx.Span);
        }

        var fields = RlpWriter.LengthOfUInt64(block.Number)
            + RlpWriter.LengthOfAddress()
            + RlpWriter.LengthOfUInt256(block.BaseFee)
            + RlpWriter.LengthOfUInt64(block.GasLimit)
            + RlpWriter.LengthOfUInt64(block.Timestamp)
            + (block.ChainId is { } id ? RlpWriter.LengthOfUInt64(id) : 1)
            + RlpWriter.LengthOfList(txs);
        var bytes = new byte[RlpWriter.LengthOfList(fields)];
        var writer = new RlpWriter(bytes);
        writer.WriteListHeader(fields);
        writer.WriteUInt64(block.Number);
        writer.WriteAddress(block.Coinbase);
        writer.WriteUInt256(block.BaseFee);
        writer.WriteUInt64(block.GasLimit);
        writer.WriteUInt64(block.Timestamp);
        if (block.ChainId is { } chainId)
        {
            writer.WriteUInt64(chainId);
        }
        else
        {
            writer.WriteBytes([]);
        }

        writer.WriteListHeader(txs);
        foreach (var tx in block.Transactions)
        {
            writer.WriteBytes(tx.Span);
        }

        return bytes;
    }

    /// <summary>Appends one block.</summary>
    public void Write(Block block)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _stream.Write(Encode(block));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stream.Flush();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
