namespace GpuValidate.Engine.Workloads;

/// <summary>The engine operations the crypto benchmarks compare.</summary>
public enum CryptoOperation
{
    /// <summary>ECDSA verify, low S required.</summary>
    VerifyEcdsa,

    /// <summary>BIP-340 verify of 32-byte messages.</summary>
    VerifySchnorr,

    /// <summary>Public-key recovery with the Keccak-256 address.</summary>
    Recover,

    /// <summary>Keccak-256 of 32-byte messages.</summary>
    Keccak256,
}

/// <summary>Display names of <see cref="CryptoOperation"/>.</summary>
public static class CryptoOperationNames
{
    /// <summary>The name tables and JSON use, e.g. <c>ecdsa-verify</c>.</summary>
    public static string ToName(this CryptoOperation operation) => operation switch
    {
        CryptoOperation.VerifyEcdsa => "ecdsa-verify",
        CryptoOperation.VerifySchnorr => "schnorr-verify",
        CryptoOperation.Recover => "recover",
        CryptoOperation.Keccak256 => "keccak256",
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };
}
