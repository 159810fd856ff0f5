namespace GpuValidate.Pipeline.Durability;

/// <summary>What a resumed run does with the next block read from the blocks file.</summary>
public enum ResumeDecision
{
    /// <summary>The store already holds this block: skip it without validating it again.</summary>
    Skip,

    /// <summary>The block follows the store's last committed block: validate and apply it.</summary>
    Apply,
}
