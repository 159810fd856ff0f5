using System.Runtime.InteropServices;

namespace GpuValidate.Pipeline.Durability;

/// <summary>
/// Turns the first SIGINT (Ctrl-C) or SIGTERM into a cancellation request, so a run stops at the next block boundary
/// and closes its store instead of dying mid-block; a second signal is left to terminate the process.
/// </summary>
public sealed class ShutdownSignal : IDisposable
{
    /// <summary>The conventional exit code for a run stopped by SIGINT (128 + 2).</summary>
    public const int ExitCode = 130;

    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _received;

    /// <summary>Registers the handlers; dispose to remove them.</summary>
    public ShutdownSignal()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
        ];
    }

    /// <summary>Cancelled when the first signal arrives.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>True once a signal asked the run to stop.</summary>
    public bool Requested => Volatile.Read(ref _received) != 0;

    /// <summary>Removes the handlers. Idempotent.</summary>
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        if (Interlocked.Exchange(ref _received, 1) == 0)
        {
            // Keep the process alive: the run stops itself at the block boundary.
            context.Cancel = true;
            try
            {
                _source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // A signal racing Dispose: the run is already over.
            }
        }
    }
}
