namespace GpuValidate.Ethereum.Transactions;

/// <summary>The Ethereum mainnet forks that change how a transaction is validated, in activation order.</summary>
public enum Fork
{
    /// <summary>Launch rules: any s, 21000 gas per transaction, 68 gas per non-zero calldata byte.</summary>
    Frontier,

    /// <summary>EIP-2: s &lt;= n/2 and 53000 gas for contract creation.</summary>
    Homestead,

    /// <summary>EIP-150: no change to transaction validity (kept so test suites can name it).</summary>
    TangerineWhistle,

    /// <summary>EIP-155: replay-protected legacy transactions (v = chainId*2+35/36).</summary>
    SpuriousDragon,

    /// <summary>Byzantium: no change to transaction validity.</summary>
    Byzantium,

    /// <summary>Constantinople (and Petersburg): no change to transaction validity.</summary>
    Constantinople,

    /// <summary>EIP-2028: 16 gas per non-zero calldata byte.</summary>
    Istanbul,

    /// <summary>EIP-2718 / EIP-2930: typed envelopes and access-list transactions (type 1).</summary>
    Berlin,

    /// <summary>EIP-1559: dynamic-fee transactions (type 2).</summary>
    London,

    /// <summary>EIP-3860: init code limited to 49152 bytes and charged 2 gas per 32-byte word.</summary>
    Shanghai,

    /// <summary>EIP-4844: blob transactions (type 3).</summary>
    Cancun,

    /// <summary>EIP-7702 set-code transactions (type 4) and the EIP-7623 calldata floor.</summary>
    Prague,
}
