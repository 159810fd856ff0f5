using BenchmarkDotNet.Attributes;
using GpuValidate.Kernels.Secp256k1;

namespace GpuValidate.Benchmarks;

/// <summary>
/// The secp256k1 kernel arithmetic on the CPU path (the same code the kernels run): field multiply and inverse,
/// scalar inverse, and one ECDSA verify, BIP-340 verify and recovery each.
/// </summary>
[MemoryDiagnoser]
public class Secp256k1ArithmeticBenchmarks
{
    private FieldElement _a;
    private FieldElement _b;
    private Scalar _s;
    private byte[] _digest = [];
    private byte[] _signature = [];
    private byte[] _publicKey = [];
    private byte[] _recoverable = [];
    private byte[] _xOnly = [];
    private byte[] _schnorr = [];
    private readonly byte[] _key64 = new byte[64];
    private readonly byte[] _address = new byte[20];

    [GlobalSetup]
    public void Setup()
    {
        _a = new FieldElement(0x16F81798u, 0x59F2815Bu, 0x2DCE28D9u, 0x029BFCDBu, 0xCE870B07u, 0x55A06295u, 0xF9DCBBACu, 0x79BE667Eu);
        _b = new FieldElement(0xFB10D4B8u, 0x9C47D08Fu, 0xA6855419u, 0xFD17B448u, 0x0E1108A8u, 0x5DA4FBFCu, 0x26A3C465u, 0x483ADA77u);
        _s = new Scalar(0x12345678u, 0x9ABCDEF0u, 0x0FEDCBA9u, 0x87654321u, 0x11111111u, 0x22222222u, 0x33333333u, 0x44444444u);

        // An ECDSA signature made here from a fixed key and nonce (s = k^-1 (z + r d)), checked to verify, so the
        // benchmark times the full verify and recovery; and BIP-340 vector 0.
        var d = new Scalar(0x1D2C3B4Au, 0x5A6B7C8Du, 0x99887766u, 0x55443322u, 0x0F0E0D0Cu, 0x0B0A0908u, 0x07060504u, 0x03020100u);
        var k = new Scalar(0xCAFEBABEu, 0xDEADBEEFu, 0x01234567u, 0x89ABCDEFu, 0x76543210u, 0xFEDCBA98u, 0x13579BDFu, 0x2468ACE0u);
        var table = HostGeneratorTable.Shared;
        var key = JacobianPoint.ToAffine(EcMult.AddGeneratorMultiple(table, JacobianPoint.Infinity, d));
        var nonce = JacobianPoint.ToAffine(EcMult.AddGeneratorMultiple(table, JacobianPoint.Infinity, k));
        _digest = Convert.FromHexString("4B688DF40BCEDBE641DDB16FF0A1842D9C67EA1C3BF63F3E0471BAA664531D1A");
        var z = Scalar.FromDigest(Kernels.Hashing.Digest256.FromBytes(_digest));
        var r = Scalar.FromDigest(nonce.X.ToDigest());
        var s = Scalar.Mul(Scalar.Inv(k), Scalar.Add(z, Scalar.Mul(r, d)));
        _signature = [.. r.ToDigest().ToArray(), .. s.ToDigest().ToArray()];
        _publicKey = [4, .. key.X.ToDigest().ToArray(), .. key.Y.ToDigest().ToArray()];
        _recoverable = [.. _signature, (byte)(nonce.Y.IsOdd ? 1 : 0)];
        _xOnly = Convert.FromHexString("F9308A019258C31049344F85F89D5229B531C845836F99B08601F113BCE036F9");
        _schnorr = Convert.FromHexString("E907831F80848D1069A5371B402410364BDF1C5F8307B0084C55F1CE2DCA821525F66A4A85EA8B71E482A74F382D2CE5EBEEE8FDB2172F477DF4900D310536C0");
        if (EcdsaVerify() != SignatureStatus.Valid || SchnorrVerify() != SignatureStatus.Valid || Recover() != SignatureStatus.Valid)
        {
            throw new InvalidOperationException("benchmark inputs do not verify");
        }
    }

    [Benchmark]
    public FieldElement FieldMul() => FieldElement.Mul(_a, _b);

    [Benchmark]
    public FieldElement FieldSqr() => FieldElement.Sqr(_a);

    [Benchmark]
    public FieldElement FieldInv() => FieldElement.Inv(_a);

    [Benchmark]
    public Scalar ScalarInv() => Scalar.Inv(_s);

    [Benchmark]
    public byte EcdsaVerify() => SignatureCpu.VerifyEcdsa(_digest, _signature, _publicKey, false);

    [Benchmark]
    public byte SchnorrVerify() => SignatureCpu.VerifySchnorr(_xOnly, _schnorr, new byte[32]);

    [Benchmark]
    public byte Recover() => SignatureCpu.Recover(_digest, _recoverable, _key64, _address);
}
