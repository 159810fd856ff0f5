namespace GpuValidate.Pipeline.Processing;

/// <summary>The stages of block mode, in order.</summary>
public enum PipelineStage
{
    /// <summary>Reading blocks from the input (parsing the file, or generating them).</summary>
    Read,

    /// <summary>Decoding the block's transactions and laying their signing payloads out in one flat buffer.</summary>
    Decode,

    /// <summary>Hashing and recovering the senders on the signature engine: one batch per block.</summary>
    Recover,

    /// <summary>The static (stateless) checks, and the verdicts turned into the applier's input.</summary>
    Checks,

    /// <summary>Building the conflict-free layers.</summary>
    Schedule,

    /// <summary>Applying the transactions to state.</summary>
    Apply,

    /// <summary>Committing the changes and computing the state root.</summary>
    Commit,
}
