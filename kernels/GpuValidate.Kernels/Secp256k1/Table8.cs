namespace GpuValidate.Kernels.Secp256k1;

/// <summary>
/// Entries 1-8 of a small per-thread table (multiples of a point, powers of a scalar): eight fields and a switch
/// instead of an array, because kernels hold no per-thread arrays. Kernel-safe.
/// </summary>
/// <typeparam name="T">The entry type, a plain struct.</typeparam>
internal readonly struct Table8<T>
    where T : struct
{
    private readonly T _e1;
    private readonly T _e2;
    private readonly T _e3;
    private readonly T _e4;
    private readonly T _e5;
    private readonly T _e6;
    private readonly T _e7;
    private readonly T _e8;

    /// <summary>The table of entries <paramref name="e1"/> .. <paramref name="e8"/>.</summary>
    public Table8(in T e1, in T e2, in T e3, in T e4, in T e5, in T e6, in T e7, in T e8)
    {
        _e1 = e1;
        _e2 = e2;
        _e3 = e3;
        _e4 = e4;
        _e5 = e5;
        _e6 = e6;
        _e7 = e7;
        _e8 = e8;
    }

    /// <summary>Entry <paramref name="index"/> for index in 1-8.</summary>
    public T Get(int index) => index switch
    {
        1 => _e1,
        2 => _e2,
        3 => _e3,
        4 => _e4,
        5 => _e5,
        6 => _e6,
        7 => _e7,
        _ => _e8,
    };
}
