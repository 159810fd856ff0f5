namespace GpuValidate.Engine.Backends.Cpu;

/// <summary>
/// One thread's view of a CPU library: owns its context and scratch state, so a worker is used by one
/// thread at a time and needs no locks. Inputs have passed <see cref="ItemChecks"/>.
/// </summary>
internal interface ICpuWorker : IDisposable
{
    /// <summary>ECDSA verify of a low-S r||s against a SEC1 key with a valid prefix.</summary>
    SignatureError VerifyEcdsa(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> lowS64, ReadOnlySpan<byte> publicKey);

    /// <summary>BIP-340 verify; <paramref name="message"/> may have any length.</summary>
    SignatureError VerifySchnorr(ReadOnlySpan<byte> publicKey32, ReadOnlySpan<byte> signature64, ReadOnlySpan<byte> message);

    /// <summary>Recovers the public key as 64-byte x||y.</summary>
    SignatureError Recover(ReadOnlySpan<byte> digest32, ReadOnlySpan<byte> rs64, int recoveryId, Span<byte> publicKey64);
}
