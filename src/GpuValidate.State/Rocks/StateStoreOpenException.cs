namespace GpuValidate.State.Rocks;

/// <summary>
/// A durable state store refused to open. Nothing in the directory was modified: the store is checked through a
/// read-only handle before it is opened for writing.
/// </summary>
public sealed class StateStoreOpenException : Exception
{
    /// <summary>A refusal with its reason and the directory concerned.</summary>
    public StateStoreOpenException(StateStoreOpenError error, string directory, string message, Exception? innerException = null)
        : base($"state store {directory}: {message}", innerException)
    {
        Error = error;
        Directory = directory;
    }

    /// <summary>Why the store was refused.</summary>
    public StateStoreOpenError Error { get; }

    /// <summary>The store's directory.</summary>
    public string Directory { get; }
}
