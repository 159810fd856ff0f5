namespace GpuValidate.Kernels.Tests.Secp256k1;

/// <summary>An ECDSA verify item and the status the oracle expects for it.</summary>
internal sealed record EcdsaItem(string Name, byte[] Digest, byte[] Signature, byte[] PublicKey, bool RequireLowS, byte Expected)
{
    public override string ToString() => Name;
}

/// <summary>A BIP-340 verify item and the status the oracle expects for it.</summary>
internal sealed record SchnorrItem(string Name, byte[] PublicKey, byte[] Signature, byte[] Message, byte Expected)
{
    public override string ToString() => Name;
}

/// <summary>A recovery item, the status the oracle expects, and the expected 64-byte key (zero on failure).</summary>
internal sealed record RecoverItem(string Name, byte[] Digest, byte[] Signature, byte Expected, byte[] PublicKey)
{
    public override string ToString() => Name;
}
