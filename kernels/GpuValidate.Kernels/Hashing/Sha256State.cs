using System.Runtime.CompilerServices;
using ILGPU;

namespace GpuValidate.Kernels.Hashing;

/// <summary>
/// Streaming SHA-256 (FIPS 180-4) with all state in struct fields, so the same code runs inside ILGPU kernels
/// and on the CPU. The pending block is kept as sixteen big-endian words rather than a byte array because
/// kernels cannot hold arrays; bytes are packed into the current word as they arrive.
/// </summary>
/// <remarks>
/// A value type: copying it forks the hash (useful for a shared prefix such as a BIP-340 tag midstate).
/// <see cref="Finish"/> pads in place, so call it once per state.
/// </remarks>
public partial struct Sha256State
{
    private uint _h0, _h1, _h2, _h3, _h4, _h5, _h6, _h7;
    private uint _b0, _b1, _b2, _b3, _b4, _b5, _b6, _b7, _b8, _b9, _b10, _b11, _b12, _b13, _b14, _b15;

    // Bytes of the next word gathered so far, most significant first.
    private uint _pending;

    // Bytes in the pending block (0..63).
    private int _count;

    // Bytes absorbed in completed blocks.
    private ulong _compressedBytes;

    /// <summary>A fresh state holding the standard initial hash value.</summary>
    public static Sha256State Create()
    {
        var s = default(Sha256State);
        s._h0 = 0x6a09e667u;
        s._h1 = 0xbb67ae85u;
        s._h2 = 0x3c6ef372u;
        s._h3 = 0xa54ff53au;
        s._h4 = 0x510e527fu;
        s._h5 = 0x9b05688cu;
        s._h6 = 0x1f83d9abu;
        s._h7 = 0x5be0cd19u;
        return s;
    }

    /// <summary>Total bytes absorbed so far.</summary>
    public readonly ulong Length => _compressedBytes + (ulong)_count;

    /// <summary>Appends one byte.</summary>
    public void UpdateByte(byte value)
    {
        _pending = (_pending << 8) | value;
        _count++;
        if ((_count & 3) == 0)
        {
            SetWord((_count >> 2) - 1, _pending);
            _pending = 0;
            if (_count == 64)
            {
                CompressPending();
            }
        }
    }

    /// <summary>Appends four bytes, the most significant byte of <paramref name="bigEndianWord"/> first.</summary>
    public void UpdateWord(uint bigEndianWord)
    {
        if ((_count & 3) == 0)
        {
            SetWord(_count >> 2, bigEndianWord);
            _count += 4;
            if (_count == 64)
            {
                CompressPending();
            }
        }
        else
        {
            UpdateByte((byte)(bigEndianWord >> 24));
            UpdateByte((byte)(bigEndianWord >> 16));
            UpdateByte((byte)(bigEndianWord >> 8));
            UpdateByte((byte)bigEndianWord);
        }
    }

    /// <summary>Appends the 32 bytes of <paramref name="digest"/>.</summary>
    public void UpdateDigest(in Digest256 digest)
    {
        UpdateWord(digest.W0);
        UpdateWord(digest.W1);
        UpdateWord(digest.W2);
        UpdateWord(digest.W3);
        UpdateWord(digest.W4);
        UpdateWord(digest.W5);
        UpdateWord(digest.W6);
        UpdateWord(digest.W7);
    }

    /// <summary>Appends <paramref name="length"/> bytes of <paramref name="data"/> starting at <paramref name="offset"/> (kernel-safe).</summary>
    /// <remarks>The caller guarantees the range lies inside <paramref name="data"/>.</remarks>
    public void Update(ArrayView<byte> data, long offset, int length)
    {
        long i = offset;
        long end = offset + length;

        // Byte-wise up to a word boundary, then whole words: four byte loads but one word store.
        while (i < end && (_count & 3) != 0)
        {
            UpdateByte(data[i]);
            i++;
        }

        while (end - i >= 4)
        {
            UpdateWord(((uint)data[i] << 24) | ((uint)data[i + 1] << 16) | ((uint)data[i + 2] << 8) | data[i + 3]);
            i += 4;
        }

        while (i < end)
        {
            UpdateByte(data[i]);
            i++;
        }
    }

    /// <summary>Pads, compresses the last block(s) and returns the digest. Call once.</summary>
    public Digest256 Finish()
    {
        ulong bitLength = Length << 3;
        UpdateByte(0x80);
        while ((_count & 3) != 0)
        {
            UpdateByte(0);
        }

        // Word-wise zero padding up to the 8-byte length field.
        if (_count > 56)
        {
            while (_count != 0)
            {
                UpdateWord(0);
            }
        }

        while (_count != 56)
        {
            UpdateWord(0);
        }

        UpdateWord((uint)(bitLength >> 32));
        UpdateWord((uint)bitLength);

        Digest256 d;
        d.W0 = _h0;
        d.W1 = _h1;
        d.W2 = _h2;
        d.W3 = _h3;
        d.W4 = _h4;
        d.W5 = _h5;
        d.W6 = _h6;
        d.W7 = _h7;
        return d;
    }

    // Not inlined: the update and padding paths call this from many places, and ILGPU would otherwise paste the 64
    // rounds into every one of them (megabytes of PTX per kernel). One copy, called, keeps the kernel small.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CompressPending()
    {
        Compress(_b0, _b1, _b2, _b3, _b4, _b5, _b6, _b7, _b8, _b9, _b10, _b11, _b12, _b13, _b14, _b15);
        _count = 0;
        _compressedBytes += 64;
    }

    // A switch rather than an indexer over an array: kernels have no per-thread arrays,
    // and the branch is uniform enough in practice (threads advance through words in step).
    private void SetWord(int index, uint word)
    {
        switch (index)
        {
            case 0: _b0 = word; break;
            case 1: _b1 = word; break;
            case 2: _b2 = word; break;
            case 3: _b3 = word; break;
            case 4: _b4 = word; break;
            case 5: _b5 = word; break;
            case 6: _b6 = word; break;
            case 7: _b7 = word; break;
            case 8: _b8 = word; break;
            case 9: _b9 = word; break;
            case 10: _b10 = word; break;
            case 11: _b11 = word; break;
            case 12: _b12 = word; break;
            case 13: _b13 = word; break;
            case 14: _b14 = word; break;
            default: _b15 = word; break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Rotr(uint x, int n) => (x >> n) | (x << (32 - n));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Ch(uint x, uint y, uint z) => (x & y) ^ (~x & z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Maj(uint x, uint y, uint z) => (x & y) ^ (x & z) ^ (y & z);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint BigSigma0(uint x) => Rotr(x, 2) ^ Rotr(x, 13) ^ Rotr(x, 22);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint BigSigma1(uint x) => Rotr(x, 6) ^ Rotr(x, 11) ^ Rotr(x, 25);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint SmallSigma0(uint x) => Rotr(x, 7) ^ Rotr(x, 18) ^ (x >> 3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint SmallSigma1(uint x) => Rotr(x, 17) ^ Rotr(x, 19) ^ (x >> 10);
}
