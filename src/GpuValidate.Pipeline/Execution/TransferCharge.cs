using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.Pipeline.Execution;

/// <summary>The gas prices a transaction pays in a block: what <see cref="TransferRules.Check"/> works out.</summary>
/// <param name="EffectiveGasPrice">min(fee cap, base fee + priority fee cap).</param>
/// <param name="PriorityFee">The effective price minus the base fee: what the coinbase earns per gas.</param>
internal readonly record struct TransferCharge(UInt256 EffectiveGasPrice, UInt256 PriorityFee)
{
    /// <summary>The sender's total debit for <paramref name="gasUsed"/> gas and <paramref name="value"/> wei.</summary>
    public UInt256 Debit(ulong gasUsed, in UInt256 value) => (EffectiveGasPrice * gasUsed) + value;

    /// <summary>The coinbase's credit for <paramref name="gasUsed"/> gas.</summary>
    public UInt256 Fee(ulong gasUsed) => PriorityFee * gasUsed;
}
