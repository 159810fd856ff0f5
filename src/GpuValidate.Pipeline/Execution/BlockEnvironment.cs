using GpuValidate.Ethereum.Primitives;

namespace GpuValidate.Pipeline.Execution;

/// <summary>The header fields the state transition reads.</summary>
/// <param name="Number">The block number.</param>
/// <param name="Coinbase">The fee recipient, credited the priority fees.</param>
/// <param name="BaseFee">The EIP-1559 base fee per gas, burned.</param>
/// <param name="GasLimit">The block gas limit.</param>
public readonly record struct BlockEnvironment(long Number, Address Coinbase, UInt256 BaseFee, ulong GasLimit);
