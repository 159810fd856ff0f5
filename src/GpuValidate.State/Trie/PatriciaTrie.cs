using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GpuValidate.Kernels.Hashing;

namespace GpuValidate.State.Trie;

/// <summary>
/// Ethereum's Merkle Patricia trie (Yellow Paper, appendix D) held in memory. Every node caches its reference;
/// an update clears the references on its path only, so <see cref="ComputeRootHash"/> rehashes just the paths
/// changed since the last call. Not thread-safe for writers; the root computation itself may fan out over the
/// dirty subtrees two branch levels below the root (up to 256), which share no nodes.
/// </summary>
internal sealed class PatriciaTrie
{
    /// <summary>Keccak-256 of RLP("") (0x80): the root of the empty trie.</summary>
    public static readonly byte[] EmptyRoot = Keccak.Hash([0x80]);

    private const int MaxStackKeyBytes = 128;

    /// <summary>Branch levels below the root at which the parallel root computation splits the work (16^2 subtrees).</summary>
    private const int ParallelLevels = 2;

    private TrieNode? _root;
    private int _changesSinceHash;

    /// <summary>
    /// The number of changes since the last root computation from which the dirty subtrees two branch levels
    /// below the root (up to 256) are hashed in parallel. Below it the hand-off costs more than the hashing.
    /// </summary>
    public int ParallelThreshold { get; set; } = 256;

    /// <summary>
    /// Whether dirty nodes are hashed a level at a time with batched Keccak (<see cref="NodeBatchHasher"/>), the
    /// default, or one node at a time (<see cref="NodeHasher"/>). Both give the same root.
    /// </summary>
    public bool BatchedHashing { get; set; } = true;

    /// <summary>The Keccak implementation batched hashing uses (<see cref="KeccakBatchPath.Auto"/>: the widest available).</summary>
    public KeccakBatchPath KeccakPath { get; set; } = KeccakBatchPath.Auto;

    /// <summary>True when the trie holds no key.</summary>
    public bool IsEmpty => _root is null;

    /// <summary>
    /// Sets <paramref name="key"/> to a copy of <paramref name="value"/> (which must not be empty: empty means absent).
    /// A value replaced by one of the same length is overwritten in place.
    /// </summary>
    public void Set(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            throw new ArgumentException("an empty value means absent; call Remove", nameof(value));
        }

        Span<byte> nibbles = key.Length <= MaxStackKeyBytes ? stackalloc byte[key.Length * 2] : new byte[key.Length * 2];
        ToNibbles(key, nibbles);
        _root = Insert(_root, nibbles, value);
        _changesSinceHash++;
    }

    /// <summary>Removes <paramref name="key"/>; false when it was absent.</summary>
    public bool Remove(ReadOnlySpan<byte> key)
    {
        Span<byte> nibbles = key.Length <= MaxStackKeyBytes ? stackalloc byte[key.Length * 2] : new byte[key.Length * 2];
        ToNibbles(key, nibbles);
        _root = Delete(_root, nibbles, out var removed);
        if (removed)
        {
            _changesSinceHash++;
        }

        return removed;
    }

    /// <summary>
    /// Reads the nodes on the paths of up to <see cref="WarmGroup"/> keys, each <paramref name="keyLength"/> bytes, laid
    /// end to end in <paramref name="keys"/>: one level of every path, then the next. The updates that follow find the
    /// nodes in cache, and the cache misses, which would come one after another in a walk down one path (each node's
    /// address is in its parent), come several at a time. Changes nothing; returns a figure computed from what it read,
    /// so that no read can be left out.
    /// </summary>
    public int Warm(ReadOnlySpan<byte> keys, int keyLength)
    {
        var count = Math.Min(WarmGroup, keys.Length / keyLength);
        var nodes = default(WarmNodes);
        Span<int> depths = stackalloc int[WarmGroup];
        for (var j = 0; j < count; j++)
        {
            nodes[j] = _root;
            depths[j] = 0;
        }

        var sum = 0;
        var walking = true;
        while (walking)
        {
            walking = false;
            for (var j = 0; j < count; j++)
            {
                switch (nodes[j])
                {
                    case null:
                        break;
                    case BranchNode branch:
                        var depth = depths[j];
                        if (depth == 2 * keyLength)
                        {
                            nodes[j] = null;
                            break;
                        }

                        var b = keys[(j * keyLength) + (depth / 2)];
                        nodes[j] = branch.Child((depth & 1) == 0 ? b >> 4 : b & 0x0f);
                        depths[j] = depth + 1;
                        walking = true;
                        break;
                    case ExtensionNode extension:
                        depths[j] += extension.Path.Length;
                        nodes[j] = extension.Child;
                        walking = true;
                        break;
                    case LeafNode leaf:
                        sum += leaf.Path.Length + leaf.Value.Length;
                        nodes[j] = null;
                        break;
                }
            }
        }

        return sum;
    }

    /// <summary>The keys <see cref="Warm"/> walks together.</summary>
    public const int WarmGroup = 8;

    /// <summary>A copy of the value at <paramref name="key"/>, or null.</summary>
    public byte[]? Get(ReadOnlySpan<byte> key)
    {
        Span<byte> nibbles = key.Length <= MaxStackKeyBytes ? stackalloc byte[key.Length * 2] : new byte[key.Length * 2];
        ToNibbles(key, nibbles);
        ReadOnlySpan<byte> rest = nibbles;
        var node = _root;
        while (node is not null)
        {
            switch (node)
            {
                case LeafNode leaf:
                    return rest.SequenceEqual(leaf.Path) ? (byte[])leaf.Value.Clone() : null;
                case ExtensionNode extension:
                    if (!rest.StartsWith(extension.Path))
                    {
                        return null;
                    }

                    rest = rest[extension.Path.Length..];
                    node = extension.Child;
                    break;
                default:
                    var branch = (BranchNode)node;
                    if (rest.IsEmpty)
                    {
                        return (byte[]?)branch.Value?.Clone();
                    }

                    node = branch.Child(rest[0]);
                    rest = rest[1..];
                    break;
            }
        }

        return null;
    }

    /// <summary>The root hash, rehashing only what changed since the last call.</summary>
    public byte[] ComputeRootHash()
    {
        if (_root is null)
        {
            _changesSinceHash = 0;
            return (byte[])EmptyRoot.Clone();
        }

        if (_root.Reference is null)
        {
            if (_changesSinceHash >= ParallelThreshold)
            {
                HashSubtreesInParallel(_root);
            }

            // What is left dirty (all of it on the sequential path, the few nodes above the subtrees otherwise).
            if (BatchedHashing)
            {
                NodeBatchHasher.Current.ComputeReferences(_root, KeccakPath);
            }
            else
            {
                NodeHasher.ComputeReference(_root);
            }
        }

        _changesSinceHash = 0;
        var reference = _root.Reference!;

        // The root is hashed even when its encoding is short enough to be embedded elsewhere.
        return reference.Length == 32 ? (byte[])reference.Clone() : Keccak.Hash(reference);
    }

    /// <summary>
    /// Hashes the dirty subtrees two branch levels down (up to 256), which share no nodes, on several threads: each
    /// takes a contiguous share and hashes it a level at a time (or node by node without batching).
    /// </summary>
    private void HashSubtreesInParallel(TrieNode root)
    {
        var subtrees = new List<TrieNode>(256);
        CollectDirtySubtrees(root, ParallelLevels, subtrees);
        if (subtrees.Count <= 1)
        {
            return;
        }

        if (!BatchedHashing)
        {
            Parallel.For(0, subtrees.Count, i => NodeHasher.ComputeReference(subtrees[i]));
            return;
        }

        // A few shares per core: big enough to fill Keccak batches, enough of them to even out a busy core.
        var shares = Math.Min(subtrees.Count, 2 * Environment.ProcessorCount);
        var path = KeccakPath;
        Parallel.For(0, shares, share =>
        {
            var start = share * subtrees.Count / shares;
            var end = (share + 1) * subtrees.Count / shares;
            NodeBatchHasher.Current.ComputeReferences(CollectionsMarshal.AsSpan(subtrees)[start..end], path);
        });
    }

    /// <summary>
    /// Adds to <paramref name="subtrees"/> the dirty nodes found <paramref name="levels"/> branches below
    /// <paramref name="node"/> (or above that, where a leaf ends the path), looking through extensions.
    /// </summary>
    private static void CollectDirtySubtrees(TrieNode node, int levels, List<TrieNode> subtrees)
    {
        if (node.Reference is not null)
        {
            return;
        }

        switch (node)
        {
            case BranchNode branch when levels > 0:
                for (var stale = branch.StaleChildren; stale != 0; stale &= stale - 1)
                {
                    if (branch.Child(BitOperations.TrailingZeroCount(stale)) is { } child)
                    {
                        CollectDirtySubtrees(child, levels - 1, subtrees);
                    }
                }

                break;
            case ExtensionNode extension when levels > 0:
                CollectDirtySubtrees(extension.Child, levels, subtrees);
                break;
            default:
                subtrees.Add(node);
                break;
        }
    }

    private static void ToNibbles(ReadOnlySpan<byte> key, Span<byte> nibbles)
    {
        for (var i = 0; i < key.Length; i++)
        {
            nibbles[2 * i] = (byte)(key[i] >> 4);
            nibbles[(2 * i) + 1] = (byte)(key[i] & 0x0f);
        }
    }

    [InlineArray(WarmGroup)]
    private struct WarmNodes
    {
        private TrieNode? _element;
    }

    private static int CommonPrefix(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => a.CommonPrefixLength(b);

    private static TrieNode Insert(TrieNode? node, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        switch (node)
        {
            case null:
                return new LeafNode(key.ToArray(), value.ToArray());

            case LeafNode leaf:
                {
                    var common = CommonPrefix(leaf.Path, key);
                    if (common == leaf.Path.Length && common == key.Length)
                    {
                        leaf.Value = Overwrite(leaf.Value, value);
                        leaf.MarkDirty();
                        return leaf;
                    }

                    var branch = new BranchNode();
                    if (common == leaf.Path.Length)
                    {
                        branch.Value = leaf.Value;
                    }
                    else
                    {
                        branch.SetChild(leaf.Path[common], new LeafNode(leaf.Path[(common + 1)..], leaf.Value));
                    }

                    PlaceNew(branch, key, common, value);
                    return common > 0 ? new ExtensionNode(key[..common].ToArray(), branch) : branch;
                }

            case ExtensionNode extension:
                {
                    var common = CommonPrefix(extension.Path, key);
                    if (common == extension.Path.Length)
                    {
                        extension.Child = Insert(extension.Child, key[common..], value);
                        extension.MarkDirty();
                        return extension;
                    }

                    var branch = new BranchNode();
                    var rest = extension.Path[(common + 1)..];
                    branch.SetChild(extension.Path[common], rest.Length == 0 ? extension.Child : new ExtensionNode(rest, extension.Child));
                    PlaceNew(branch, key, common, value);
                    return common > 0 ? new ExtensionNode(key[..common].ToArray(), branch) : branch;
                }

            default:
                {
                    var branch = (BranchNode)node;
                    if (key.IsEmpty)
                    {
                        branch.Value = Overwrite(branch.Value, value);
                    }
                    else
                    {
                        branch.SetChild(key[0], Insert(branch.Child(key[0]), key[1..], value));
                    }

                    branch.MarkDirty();
                    return branch;
                }
        }
    }

    private static void PlaceNew(BranchNode branch, ReadOnlySpan<byte> key, int common, ReadOnlySpan<byte> value)
    {
        if (common == key.Length)
        {
            branch.Value = value.ToArray();
        }
        else
        {
            branch.SetChild(key[common], new LeafNode(key[(common + 1)..].ToArray(), value.ToArray()));
        }
    }

    /// <summary><paramref name="value"/> in <paramref name="current"/> where the lengths agree (the trie owns every value array), else in a new array.</summary>
    private static byte[] Overwrite(byte[]? current, ReadOnlySpan<byte> value)
    {
        if (current is null || current.Length != value.Length)
        {
            return value.ToArray();
        }

        value.CopyTo(current);
        return current;
    }

    private static TrieNode? Delete(TrieNode? node, ReadOnlySpan<byte> key, out bool removed)
    {
        switch (node)
        {
            case null:
                removed = false;
                return null;

            case LeafNode leaf:
                removed = key.SequenceEqual(leaf.Path);
                return removed ? null : leaf;

            case ExtensionNode extension:
                {
                    if (!key.StartsWith(extension.Path))
                    {
                        removed = false;
                        return extension;
                    }

                    var child = Delete(extension.Child, key[extension.Path.Length..], out removed);
                    if (!removed)
                    {
                        return extension;
                    }

                    if (child is BranchNode)
                    {
                        extension.Child = child;
                        extension.MarkDirty();
                        return extension;
                    }

                    return child is null ? null : Prefix(extension.Path, child);
                }

            default:
                {
                    var branch = (BranchNode)node;
                    if (key.IsEmpty)
                    {
                        removed = branch.Value is not null;
                        branch.Value = null;
                    }
                    else
                    {
                        var newChild = Delete(branch.Child(key[0]), key[1..], out removed);
                        if (removed)
                        {
                            branch.SetChild(key[0], newChild);
                        }
                    }

                    if (!removed)
                    {
                        return branch;
                    }

                    branch.MarkDirty();
                    return Collapse(branch);
                }
        }
    }

    /// <summary>Restores the canonical shape after a removal: a branch needs two or more entries.</summary>
    private static TrieNode? Collapse(BranchNode branch)
    {
        var only = -1;
        var count = 0;
        for (var i = 0; i < 16; i++)
        {
            if (branch.Child(i) is not null)
            {
                count++;
                only = i;
            }
        }

        if (count == 0)
        {
            return branch.Value is null ? null : new LeafNode([], branch.Value);
        }

        if (count == 1 && branch.Value is null)
        {
            return Prefix([(byte)only], branch.Child(only)!);
        }

        return branch;
    }

    /// <summary>Puts <paramref name="prefix"/> in front of <paramref name="child"/>, merging runs of path.</summary>
    private static TrieNode Prefix(ReadOnlySpan<byte> prefix, TrieNode child) => child switch
    {
        LeafNode leaf => new LeafNode([.. prefix, .. leaf.Path], leaf.Value),
        ExtensionNode extension => new ExtensionNode([.. prefix, .. extension.Path], extension.Child),
        _ => new ExtensionNode(prefix.ToArray(), child),
    };
}
