using System.Runtime.InteropServices;

namespace GpuValidate.Cli.Tests.Durability;

/// <summary>Sends a POSIX signal to a child process (what Ctrl-C in a terminal does).</summary>
internal static partial class NativeSignals
{
    public const int SigInt = 2;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}
