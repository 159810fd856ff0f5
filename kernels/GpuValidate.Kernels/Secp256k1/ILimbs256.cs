namespace GpuValidate.Kernels.Secp256k1;

/// <summary>A 256-bit value as eight 32-bit limbs, least significant first: the operands <see cref="Wide512"/> multiplies.</summary>
internal interface ILimbs256
{
    /// <summary>Limb 0, least significant.</summary>
    uint L0 { get; }

    /// <summary>Limb 1.</summary>
    uint L1 { get; }

    /// <summary>Limb 2.</summary>
    uint L2 { get; }

    /// <summary>Limb 3.</summary>
    uint L3 { get; }

    /// <summary>Limb 4.</summary>
    uint L4 { get; }

    /// <summary>Limb 5.</summary>
    uint L5 { get; }

    /// <summary>Limb 6.</summary>
    uint L6 { get; }

    /// <summary>Limb 7, most significant.</summary>
    uint L7 { get; }
}
