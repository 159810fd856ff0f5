using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.Pipeline.Execution;

/// <summary>The gas prices a transaction pays in a block: what <see cref="TransferRules.Check"/> works out.</summary>
/// <param name="EffectiveGasPrice">min(fee cap, base fee + priority fee cap).</param>
/// <param name="PriorityFee">The effective price minus the base fee: what the coinbase earns per gas.</param>
internal readonly record struct TransferCharge(UInt256 EffectiveGasPrice, UInt256 PriorityFee)
{
    /// <summary>The sender's total debit for <paramref name="gasUsed"/> gas and <paramref name="value"/> wei.</summary>
    public UInt256 Debit(ulong gasUsed, in UInt256 value) => Times(EffectiveGasPrice, gasUsed) + value;

    /// <summary>The coinbase's credit for <paramref name="gasUsed"/> gas.</summary>
    public UInt256 Fee(ulong gasUsed) => Times(PriorityFee, gasUsed);

    /// <summary>
    /// <paramref name="price"/> x <paramref name="gas"/>, with a one-multiply path for prices below 2^64 (every real
    /// one); false on overflow past 2^256 - 1.
    /// </summary>
    public static bool TryTimes(in UInt256 price, ulong gas, out UInt256 product)
    {
        if (price.FitsInUInt64)
        {
            var wide = (UInt128)price.Low64 * gas;
            product = new UInt256((ulong)wide, (ulong)(wide >> 64));
            return true;
        }

        return UInt256.TryMultiply(price, gas, out product);
    }

    private static UInt256 Times(in UInt256 price, ulong gas) =>
        TryTimes(price, gas, out var product) ? product : throw new OverflowException("a charge that passed the balance check overflowed");
}
