namespace GpuValidate.Pipeline.Durability;

/// <summary>
/// Walks the block numbers of a blocks file against a store that already holds blocks up to
/// <see cref="LastCommitted"/>: blocks up to it are skipped, later ones applied. Block numbers must be
/// consecutive, a file for a store holding only the genesis (block 0) starts at block 0 or 1, and a resumed run must
/// find the store's last block in the file followed by the next one, so a store and a blocks file from different
/// chains, or a file with blocks missing, stop the run instead of applying blocks out of place.
/// </summary>
public sealed class ResumeCursor
{
    private long? _previous;

    /// <summary>A cursor for a store whose last committed block is <paramref name="lastCommitted"/> (-1: genesis only).</summary>
    public ResumeCursor(long lastCommitted)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lastCommitted, -1);
        LastCommitted = lastCommitted;
    }

    /// <summary>The store's last committed block when the run started.</summary>
    public long LastCommitted { get; }

    /// <summary>The number of blocks skipped so far because the store already held them.</summary>
    public long Skipped { get; private set; }

    /// <summary>True when the store held blocks before this run: the run resumes after <see cref="LastCommitted"/>.</summary>
    public bool Resuming => LastCommitted >= 0;

    /// <summary>
    /// Decides what to do with the next block in the file, numbered <paramref name="blockNumber"/>. Returns false with
    /// a message when the numbering is not consecutive or the file does not line up with the store.
    /// </summary>
    public bool TryNext(long blockNumber, out ResumeDecision decision, out string? error)
    {
        decision = ResumeDecision.Apply;
        error = null;
        if (_previous is { } previous && blockNumber != previous + 1)
        {
            error = $"block {blockNumber} follows block {previous}: block numbers must be consecutive";
            return false;
        }

        if (_previous is null && !Resuming && blockNumber > 1)
        {
            // The genesis is block 0: a file for a genesis-only store starts at block 0 or 1, or blocks are missing.
            error = $"the blocks file starts at block {blockNumber} but the store holds only the genesis: blocks 1..{blockNumber - 1} are missing";
            return false;
        }

        if (_previous is null && Resuming && blockNumber > LastCommitted + 1)
        {
            error = $"the blocks file starts at block {blockNumber} but the store is at block {LastCommitted}: blocks {LastCommitted + 1}..{blockNumber - 1} are missing";
            return false;
        }

        _previous = blockNumber;
        if (blockNumber <= LastCommitted)
        {
            decision = ResumeDecision.Skip;
            Skipped++;
        }

        return true;
    }

    /// <summary>
    /// Checks the end of the file: a store ahead of the file's last block belongs to a longer chain (or another file),
    /// which is reported rather than silently accepted.
    /// </summary>
    public bool TryFinish(out string? error)
    {
        error = null;
        if (Resuming && (_previous is null || _previous < LastCommitted))
        {
            var end = _previous is { } last ? $"ends at block {last}" : "holds no blocks";
            error = $"the store is at block {LastCommitted} but the blocks file {end}: this store was written from another or longer blocks file";
            return false;
        }

        return true;
    }
}
