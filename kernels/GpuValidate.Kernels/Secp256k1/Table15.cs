namespace GpuValidate.Kernels.Secp256k1;

/// <summary>
/// Entries 1-15 of a small per-thread table, for 4-bit fixed windows: entries 1-8 in a <see cref="Table8{T}"/>, 9-15
/// in seven more fields. Fields and switches, no array: kernel-safe.
/// </summary>
/// <typeparam name="T">The entry type, a plain struct.</typeparam>
internal readonly struct Table15<T>
    where T : struct
{
    private readonly Table8<T> _low;
    private readonly T _e9;
    private readonly T _e10;
    private readonly T _e11;
    private readonly T _e12;
    private readonly T _e13;
    private readonly T _e14;
    private readonly T _e15;

    /// <summary>The table of entries 1-8 from <paramref name="low"/> and <paramref name="e9"/> .. <paramref name="e15"/>.</summary>
    public Table15(in Table8<T> low, in T e9, in T e10, in T e11, in T e12, in T e13, in T e14, in T e15)
    {
        _low = low;
        _e9 = e9;
        _e10 = e10;
        _e11 = e11;
        _e12 = e12;
        _e13 = e13;
        _e14 = e14;
        _e15 = e15;
    }

    /// <summary>Entry <paramref name="index"/> for index in 1-15.</summary>
    public T Get(int index) => index <= 8 ? _low.Get(index) : index switch
    {
        9 => _e9,
        10 => _e10,
        11 => _e11,
        12 => _e12,
        13 => _e13,
        14 => _e14,
        _ => _e15,
    };
}
