using ILGPU;

namespace GpuValidate.Kernels.Hashing;

/// <summary>
/// Ethereum's Keccak-256: the original Keccak submission with 0x01 domain padding, rate 136 bytes.
/// Not SHA3-256 (which pads with 0x06) and therefore not .NET's <c>SHA3_256</c>.
/// </summary>
public static class Keccak256
{
    /// <summary>Keccak-256 of <paramref name="length"/> bytes of <paramref name="data"/> at <paramref name="offset"/> (kernel-safe).</summary>
    /// <remarks>The caller guarantees the range lies inside <paramref name="data"/>.</remarks>
    public static Digest256 Hash(ArrayView<byte> data, long offset, int length)
    {
        // One call site of the permutation, so the kernel holds one inlined copy of its 24 rounds, not two.
        var state = default(KeccakState);
        long p = offset;
        int remaining = length;
        bool last;
        do
        {
            last = remaining < KeccakState.RateBytes;
            if (last)
            {
                state.AbsorbFinal(data, p, remaining);
            }
            else
            {
                state.AbsorbBlock(data, p);
                p += KeccakState.RateBytes;
                remaining -= KeccakState.RateBytes;
            }

            state.Permute();
        }
        while (!last);

        return state.Squeeze256();
    }

    /// <summary>
    /// Keccak-256 of exactly the 64 bytes <paramref name="first"/> || <paramref name="second"/> (kernel-safe).
    /// With an uncompressed public key's X and Y this gives the hash whose last 20 bytes are the Ethereum address.
    /// </summary>
    public static Digest256 Hash64(in Digest256 first, in Digest256 second)
    {
        var state = default(KeccakState);
        state.A00 = Lane(first.W0, first.W1);
        state.A01 = Lane(first.W2, first.W3);
        state.A02 = Lane(first.W4, first.W5);
        state.A03 = Lane(first.W6, first.W7);
        state.A04 = Lane(second.W0, second.W1);
        state.A05 = Lane(second.W2, second.W3);
        state.A06 = Lane(second.W4, second.W5);
        state.A07 = Lane(second.W6, second.W7);
        state.A08 = 0x01UL;
        state.A16 = 0x8000000000000000UL;
        state.Permute();
        return state.Squeeze256();
    }

    /// <summary>Keccak-256 of <paramref name="data"/> (CPU, same permutation as the kernels).</summary>
    public static Digest256 Hash(ReadOnlySpan<byte> data)
    {
        var state = Absorb(data);
        return state.Squeeze256();
    }

    /// <summary>Writes Keccak-256 of <paramref name="data"/> to the first 32 bytes of <paramref name="digest32"/> (CPU, same permutation as the kernels).</summary>
    /// <exception cref="ArgumentException"><paramref name="digest32"/> is shorter than 32 bytes.</exception>
    public static void ComputeHash(ReadOnlySpan<byte> data, Span<byte> digest32)
    {
        if (digest32.Length < 32)
        {
            throw new ArgumentException("a Keccak-256 digest needs 32 bytes", nameof(digest32));
        }

        var state = Absorb(data);
        state.Squeeze256(digest32);
    }

    private static KeccakState Absorb(ReadOnlySpan<byte> data)
    {
        var state = default(KeccakState);
        while (data.Length >= KeccakState.RateBytes)
        {
            state.AbsorbBlock(data[..KeccakState.RateBytes]);
            state.Permute();
            data = data[KeccakState.RateBytes..];
        }

        Span<byte> last = stackalloc byte[KeccakState.RateBytes];
        last.Clear();
        data.CopyTo(last);
        last[data.Length] = 0x01;
        last[KeccakState.RateBytes - 1] |= 0x80;
        state.AbsorbBlock(last);
        state.Permute();
        return state;
    }

    // Eight message bytes as a little-endian lane, from two consecutive big-endian digest words.
    private static ulong Lane(uint firstWord, uint secondWord) =>
        KeccakState.ByteSwap(firstWord) | ((ulong)KeccakState.ByteSwap(secondWord) << 32);
}
