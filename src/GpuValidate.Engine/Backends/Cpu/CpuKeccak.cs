using Org.BouncyCastle.Crypto.Digests;

namespace GpuValidate.Engine.Backends.Cpu;

/// <summary>Ethereum's Keccak-256 (not SHA3-256) for one thread; reusable across messages.</summary>
internal sealed class CpuKeccak
{
    private readonly KeccakDigest _digest = new(256);

    public void Compute(ReadOnlySpan<byte> message, Span<byte> digest32)
    {
        _digest.BlockUpdate(message);
        _digest.DoFinal(digest32);
    }
}
