namespace GpuValidate.Pipeline.Processing;

/// <summary>The stages of block mode, in order.</summary>
public enum PipelineStage
{
    /// <summary>Reading blocks from the input (parsing the file, or generating them).</summary>
    Read,

    /// <summary>Decode, hash, sender recovery on the signature engine, and static checks: one batch per block.</summary>
    Validate,

    /// <summary>Building the conflict-free layers.</summary>
    Schedule,

    /// <summary>Applying the transactions to state.</summary>
    Apply,

    /// <summary>Committing the changes and computing the state root.</summary>
    Commit,
}
