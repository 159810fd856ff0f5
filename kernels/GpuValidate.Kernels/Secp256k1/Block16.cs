namespace GpuValidate.Kernels.Secp256k1;

/// <summary>A 64-byte SHA-256 block as sixteen big-endian words in fields (kernels hold no per-thread arrays).</summary>
internal struct Block16
{
    public uint W0;
    public uint W1;
    public uint W2;
    public uint W3;
    public uint W4;
    public uint W5;
    public uint W6;
    public uint W7;
    public uint W8;
    public uint W9;
    public uint W10;
    public uint W11;
    public uint W12;
    public uint W13;
    public uint W14;
    public uint W15;

    /// <summary>Sets word <paramref name="index"/> (0-15).</summary>
    public void SetWord(int index, uint word)
    {
        switch (index)
        {
            case 0: W0 = word; break;
            case 1: W1 = word; break;
            case 2: W2 = word; break;
            case 3: W3 = word; break;
            case 4: W4 = word; break;
            case 5: W5 = word; break;
            case 6: W6 = word; break;
            case 7: W7 = word; break;
            case 8: W8 = word; break;
            case 9: W9 = word; break;
            case 10: W10 = word; break;
            case 11: W11 = word; break;
            case 12: W12 = word; break;
            case 13: W13 = word; break;
            case 14: W14 = word; break;
            default: W15 = word; break;
        }
    }
}
