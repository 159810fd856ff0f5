namespace GpuValidate.Engine.Selection;

/// <summary>
/// The backend asked for cannot run on this machine (no such device, the native library does not load, the
/// device fails its self-check). An environment fault, not bad input: the command line reports its message.
/// </summary>
public sealed class BackendUnavailableException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public BackendUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and the fault that caused it.</summary>
    public BackendUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
