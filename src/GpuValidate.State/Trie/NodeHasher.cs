namespace GpuValidate.State.Trie;

/// <summary>
/// Encodes trie nodes (RLP with hex-prefix paths) and computes their references bottom-up, one node at a time,
/// skipping every subtree whose reference is still cached. One scratch buffer per thread, so subtrees hash in
/// parallel. <see cref="NodeBatchHasher"/> computes the same references a level at a time with batched Keccak.
/// </summary>
internal static class NodeHasher
{
    private const int HashLength = 32;

    [ThreadStatic]
    private static byte[]? _buffer;

    /// <summary>The node's reference (RLP if shorter than 32 bytes, else its hash), computing what is dirty.</summary>
    public static byte[] ComputeReference(TrieNode node)
    {
        if (node.Reference is { } cached)
        {
            return cached;
        }

        // Children first: encoding this node needs their references, and the scratch buffer is reused below.
        switch (node)
        {
            case ExtensionNode extension:
                ComputeReference(extension.Child);
                break;
            case BranchNode branch:
                foreach (var child in branch.Children)
                {
                    if (child is not null)
                    {
                        ComputeReference(child);
                    }
                }

                break;
        }

        var payload = PayloadLength(node);
        var length = EncodedLength(payload);
        var buffer = _buffer;
        if (buffer is null || buffer.Length < length)
        {
            buffer = _buffer = new byte[Math.Max(length, 1024)];
        }

        var written = Encode(node, buffer, payload);
        var encoding = buffer.AsSpan(0, written);
        if (written < HashLength)
        {
            node.SetReference(encoding);
        }
        else
        {
            Span<byte> hash = stackalloc byte[HashLength];
            Keccak.Hash(encoding, hash);
            node.SetReference(hash);
        }

        return node.Reference!;
    }

    /// <summary>
    /// Writes the node's RLP, whose payload is <paramref name="payload"/> bytes long (<see cref="PayloadLength"/>),
    /// into <paramref name="destination"/>; child references must be computed.
    /// </summary>
    public static int Encode(TrieNode node, Span<byte> destination, int payload)
    {
        var offset = TrieRlp.WriteListHeader(destination, payload);
        switch (node)
        {
            case LeafNode leaf:
                offset += WriteHexPrefix(destination[offset..], leaf.Path, isLeaf: true);
                offset += TrieRlp.WriteString(destination[offset..], leaf.Value);
                break;
            case ExtensionNode extension:
                offset += WriteHexPrefix(destination[offset..], extension.Path, isLeaf: false);
                offset += WriteReference(destination[offset..], extension.Child.Reference!);
                break;
            default:
                var branch = (BranchNode)node;
                foreach (var child in branch.Children)
                {
                    if (child is null)
                    {
                        destination[offset++] = 0x80;
                    }
                    else
                    {
                        offset += WriteReference(destination[offset..], child.Reference!);
                    }
                }

                if (branch.Value is null)
                {
                    destination[offset++] = 0x80;
                }
                else
                {
                    offset += TrieRlp.WriteString(destination[offset..], branch.Value);
                }

                break;
        }

        return offset;
    }

    /// <summary>The length of an RLP list of <paramref name="payload"/> bytes.</summary>
    public static int EncodedLength(int payload) => TrieRlp.HeaderLength(payload) + payload;

    /// <summary>The length of the node's RLP list payload; child references must be computed.</summary>
    public static int PayloadLength(TrieNode node)
    {
        switch (node)
        {
            case LeafNode leaf:
                return HexPrefixStringLength(leaf.Path, isLeaf: true) + TrieRlp.StringLength(leaf.Value);
            case ExtensionNode extension:
                return HexPrefixStringLength(extension.Path, isLeaf: false) + ReferenceLength(extension.Child.Reference!);
            default:
                var branch = (BranchNode)node;
                var length = branch.Value is null ? 1 : TrieRlp.StringLength(branch.Value);
                foreach (var child in branch.Children)
                {
                    length += child is null ? 1 : ReferenceLength(child.Reference!);
                }

                return length;
        }
    }

    // A hash is embedded as a 32-byte RLP string; a short node is embedded as its own RLP, verbatim.
    private static int ReferenceLength(byte[] reference) => reference.Length == HashLength ? HashLength + 1 : reference.Length;

    private static int WriteReference(Span<byte> destination, byte[] reference)
    {
        if (reference.Length == HashLength)
        {
            destination[0] = 0x80 + HashLength;
            reference.CopyTo(destination[1..]);
            return HashLength + 1;
        }

        reference.CopyTo(destination);
        return reference.Length;
    }

    private static int HexPrefixStringLength(byte[] path, bool isLeaf)
    {
        var length = (path.Length / 2) + 1;
        var first = HexPrefixFirstByte(path, isLeaf);
        return TrieRlp.StringLength(length, first);
    }

    private static byte HexPrefixFirstByte(byte[] path, bool isLeaf)
    {
        var flag = (isLeaf ? 2 : 0) + (path.Length % 2);
        return (byte)((flag << 4) | (path.Length % 2 == 1 ? path[0] : 0));
    }

    /// <summary>Hex-prefix encoding (Yellow Paper appendix C) wrapped as an RLP string.</summary>
    private static int WriteHexPrefix(Span<byte> destination, byte[] path, bool isLeaf)
    {
        var length = (path.Length / 2) + 1;
        Span<byte> encoded = length <= 64 ? stackalloc byte[length] : new byte[length];
        encoded[0] = HexPrefixFirstByte(path, isLeaf);
        var start = path.Length % 2;
        for (var i = start; i < path.Length; i += 2)
        {
            encoded[1 + ((i - start) / 2)] = (byte)((path[i] << 4) | path[i + 1]);
        }

        return TrieRlp.WriteString(destination, encoded);
    }
}
