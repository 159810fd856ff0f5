namespace GpuValidate.Engine.Backends;

/// <summary>Which implementation of the signature engine runs the work.</summary>
public enum BackendKind
{
    /// <summary>The fastest GPU that passes a self-check, else <see cref="Native"/>, else <see cref="Managed"/>.</summary>
    Auto,

    /// <summary>ILGPU kernels on an NVIDIA GPU.</summary>
    Cuda,

    /// <summary>ILGPU kernels on an OpenCL GPU.</summary>
    OpenCL,

    /// <summary>The same ILGPU kernels on ILGPU's CPU accelerator: slow, for tests.</summary>
    IlgpuCpu,

    /// <summary>Native libsecp256k1 over all cores.</summary>
    Native,

    /// <summary>NBitcoin.Secp256k1 (pure C#) over all cores.</summary>
    Managed,
}

/// <summary>The names of <see cref="BackendKind"/> as the command line and JSON spell them.</summary>
public static class BackendNames
{
    /// <summary>Every name, in the order <c>--help</c> lists them.</summary>
    public static readonly string[] All = ["auto", "cuda", "opencl", "ilgpu-cpu", "native", "managed"];

    /// <summary>The command-line name of a backend.</summary>
    public static string ToName(this BackendKind kind) => kind switch
    {
        BackendKind.Auto => "auto",
        BackendKind.Cuda => "cuda",
        BackendKind.OpenCL => "opencl",
        BackendKind.IlgpuCpu => "ilgpu-cpu",
        BackendKind.Native => "native",
        BackendKind.Managed => "managed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Parses a command-line name; false for anything not in <see cref="All"/>.</summary>
    public static bool TryParse(string? name, out BackendKind kind)
    {
        for (var i = 0; i < All.Length; i++)
        {
            if (string.Equals(All[i], name, StringComparison.OrdinalIgnoreCase))
            {
                kind = (BackendKind)i;
                return true;
            }
        }

        kind = BackendKind.Auto;
        return false;
    }
}
