namespace GpuValidate.State.Rocks;

/// <summary>Why a durable state store refused to open. The names are stable and appear in CLI output.</summary>
public enum StateStoreOpenError
{
    /// <summary>The store was created from a different genesis than the one given.</summary>
    GenesisMismatch,

    /// <summary>The store's files are damaged: a checksum failed, metadata is missing, or the rebuilt state root differs from the stored one.</summary>
    Damaged,

    /// <summary>The directory exists and holds files, but not a state store.</summary>
    NotAStore,

    /// <summary>Another process (or another instance in this one) has the store open.</summary>
    InUse,

    /// <summary>The store was written by a newer, incompatible layout version.</summary>
    UnsupportedFormat,
}
