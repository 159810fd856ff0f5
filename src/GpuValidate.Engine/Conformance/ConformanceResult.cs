namespace GpuValidate.Engine.Conformance;

/// <summary>How one engine did on one shipped vector suite.</summary>
/// <param name="Suite">The suite, e.g. <c>wycheproof ecdsa sha256 bitcoin</c>.</param>
/// <param name="Operation">The engine operation it exercises.</param>
/// <param name="Cases">Cases run.</param>
/// <param name="Failures">One line per case whose verdict or output disagrees with the suite.</param>
public sealed record ConformanceResult(string Suite, string Operation, int Cases, IReadOnlyList<string> Failures)
{
    /// <summary>Cases whose verdict and output agree with the suite.</summary>
    public int Passed => Cases - Failures.Count;

    /// <summary>True when every case agrees.</summary>
    public bool Ok => Failures.Count == 0;
}
