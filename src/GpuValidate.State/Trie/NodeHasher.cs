using System.Numerics;

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
                // Only a child assigned since the last encoding can have changed.
                for (var stale = branch.StaleChildren; stale != 0; stale &= stale - 1)
                {
                    if (branch.Child(BitOperations.TrailingZeroCount(stale)) is { } child)
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
                leaf.EncodedPath.CopyTo(destination[offset..]);
                offset += leaf.EncodedPath.Length;
                offset += TrieRlp.WriteString(destination[offset..], leaf.Value);
                break;
            case ExtensionNode extension:
                extension.EncodedPath.CopyTo(destination[offset..]);
                offset += extension.EncodedPath.Length;
                offset += WriteReference(destination[offset..], extension.Child.Reference!);
                break;
            default:
                var branch = (BranchNode)node;
                offset += branch.WriteChildren(destination[offset..]);
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

    /// <summary>
    /// The length of the node's RLP list payload; child references must be computed. A branch first copies the
    /// references of the children assigned since its last encoding (<see cref="BranchNode.RefreshReferences"/>).
    /// </summary>
    public static int PayloadLength(TrieNode node)
    {
        switch (node)
        {
            case LeafNode leaf:
                return leaf.EncodedPath.Length + TrieRlp.StringLength(leaf.Value);
            case ExtensionNode extension:
                return extension.EncodedPath.Length + ReferenceLength(extension.Child.Reference!);
            default:
                var branch = (BranchNode)node;
                branch.RefreshReferences();
                return branch.ChildrenLength + (branch.Value is null ? 1 : TrieRlp.StringLength(branch.Value));
        }
    }

    /// <summary>Hex-prefix encoding (Yellow Paper appendix C) of <paramref name="path"/>, wrapped as an RLP string.</summary>
    public static byte[] HexPrefixString(ReadOnlySpan<byte> path, bool isLeaf)
    {
        var length = (path.Length / 2) + 1;
        Span<byte> encoded = length <= 64 ? stackalloc byte[length] : new byte[length];
        encoded[0] = (byte)(((isLeaf ? 2 : 0) + (path.Length % 2)) << 4 | (path.Length % 2 == 1 ? path[0] : 0));
        var start = path.Length % 2;
        for (var i = start; i < path.Length; i += 2)
        {
            encoded[1 + ((i - start) / 2)] = (byte)((path[i] << 4) | path[i + 1]);
        }

        var result = new byte[TrieRlp.StringLength(encoded)];
        TrieRlp.WriteString(result, encoded);
        return result;
    }

    /// <summary>
    /// The length of a child reference as its parent's RLP holds it: a hash is embedded as a 32-byte RLP string, a
    /// short node as its own RLP, verbatim.
    /// </summary>
    public static int ReferenceLength(byte[] reference) => reference.Length == HashLength ? HashLength + 1 : reference.Length;

    /// <summary>Writes a child reference as its parent's RLP holds it (<see cref="ReferenceLength"/>); returns the bytes written.</summary>
    public static int WriteReference(Span<byte> destination, byte[] reference)
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
}
