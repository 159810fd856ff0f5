using GpuValidate.Kernels.Hashing;

namespace GpuValidate.State.Tests.Trie;

/// <summary>The batched Keccak paths a theory runs on, each skipped with its reason where this CPU lacks it.</summary>
internal static class KeccakPaths
{
    public static TheoryData<string> All => new()
    {
        nameof(KeccakBatchPath.Scalar),
        nameof(KeccakBatchPath.Vector256),
        nameof(KeccakBatchPath.Vector512),
    };

    /// <summary>The path named <paramref name="name"/>; skips the test where this CPU cannot run it.</summary>
    public static KeccakBatchPath Require(string name)
    {
        var path = Enum.Parse<KeccakBatchPath>(name);
        Skip.IfNot(KeccakBatch.IsSupported(path), $"{path} is not supported on this CPU");
        return path;
    }
}
