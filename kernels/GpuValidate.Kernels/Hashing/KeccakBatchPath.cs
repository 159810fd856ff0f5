namespace GpuValidate.Kernels.Hashing;

/// <summary>Which implementation <see cref="KeccakBatch"/> hashes with.</summary>
internal enum KeccakBatchPath
{
    /// <summary>The widest path this CPU supports: <see cref="Vector512"/>, else <see cref="Vector256"/>, else <see cref="Scalar"/>.</summary>
    Auto,

    /// <summary>One message at a time with the kernels project's <c>Keccak256.ComputeHash</c>.</summary>
    Scalar,

    /// <summary>Four messages at once in <c>Vector256&lt;ulong&gt;</c> lanes (AVX2; rotations as two shifts).</summary>
    Vector256,

    /// <summary>Eight messages at once in <c>Vector512&lt;ulong&gt;</c> lanes (AVX-512F rotate and ternary logic), four-wide for small tails.</summary>
    Vector512,
}
