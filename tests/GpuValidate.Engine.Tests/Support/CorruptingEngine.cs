using GpuValidate.TestSupport;

namespace GpuValidate.Engine.Tests.Support;

/// <summary>A test double for a miscompiled device: right answers except that every valid ECDSA verdict turns invalid.</summary>
internal sealed class CorruptingEngine(ISignatureEngine inner) : DelegatingEngine(inner)
{
    public override string Description => "corrupting";

    public override void VerifyEcdsa(ReadOnlySpan<byte> digests, ReadOnlySpan<byte> signatures, ReadOnlySpan<byte> publicKeys, ReadOnlySpan<byte> publicKeyLengths, bool requireLowS, Span<SignatureError> results)
    {
        base.VerifyEcdsa(digests, signatures, publicKeys, publicKeyLengths, requireLowS, results);
        results.Replace(SignatureError.None, SignatureError.BadSignature);
    }
}
