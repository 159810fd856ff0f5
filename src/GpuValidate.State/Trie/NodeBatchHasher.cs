using System.Numerics;
using GpuValidate.Kernels.Hashing;

namespace GpuValidate.State.Trie;

/// <summary>
/// Computes the references of dirty nodes level by level so that Keccak can hash many at once
/// (<see cref="KeccakBatch"/>): the dirty nodes are collected with their height (0 for a node with no dirty child,
/// else one more than its highest dirty child), then each height is encoded into one scratch buffer, every encoding
/// of 32 bytes or more is hashed in one batch, and the references are set before the next height needs them. The
/// references are those <see cref="NodeHasher.ComputeReference"/> gives node by node. One instance per thread
/// (<see cref="Current"/>): it owns its scratch buffers, which only grow.
/// </summary>
internal sealed class NodeBatchHasher
{
    private const int HashLength = 32;

    [ThreadStatic]
    private static NodeBatchHasher? _current;

    private readonly List<List<TrieNode>> _levels = [];
    private byte[] _encodings = new byte[16 * 1024];
    private int[] _encodingOffsets = new int[256];
    private int[] _encodingLengths = new int[256];
    private int[] _payloadLengths = new int[256];
    private int[] _hashOffsets = new int[256];
    private int[] _hashLengths = new int[256];
    private byte[] _digests = new byte[256 * HashLength];

    /// <summary>This thread's instance.</summary>
    public static NodeBatchHasher Current => _current ??= new NodeBatchHasher();

    /// <summary>Computes the reference of <paramref name="node"/> and of every dirty node under it.</summary>
    public void ComputeReferences(TrieNode node, KeccakBatchPath path = KeccakBatchPath.Auto)
    {
        if (node.Reference is not null)
        {
            return;
        }

        var heights = Collect(node);
        HashLevels(heights, path);
    }

    /// <summary>Computes the references of the dirty subtrees <paramref name="roots"/>, which share no nodes.</summary>
    public void ComputeReferences(ReadOnlySpan<TrieNode> roots, KeccakBatchPath path = KeccakBatchPath.Auto)
    {
        var heights = 0;
        foreach (var root in roots)
        {
            if (root.Reference is null)
            {
                heights = Math.Max(heights, Collect(root));
            }
        }

        HashLevels(heights, path);
    }

    /// <summary>Adds the dirty <paramref name="node"/> and the dirty nodes under it to their levels; returns its height + 1.</summary>
    private int Collect(TrieNode node)
    {
        var height = 0;
        switch (node)
        {
            case ExtensionNode extension when extension.Child.Reference is null:
                height = Collect(extension.Child);
                break;
            case BranchNode branch:
                // Only a child assigned since the last encoding can be dirty; the others are not even read.
                for (var stale = branch.StaleChildren; stale != 0; stale &= stale - 1)
                {
                    if (branch.Child(BitOperations.TrailingZeroCount(stale)) is { Reference: null } child)
                    {
                        height = Math.Max(height, Collect(child));
                    }
                }

                break;
        }

        while (_levels.Count <= height)
        {
            _levels.Add([]);
        }

        _levels[height].Add(node);
        return height + 1;
    }

    private void HashLevels(int heights, KeccakBatchPath path)
    {
        try
        {
            for (var height = 0; height < heights; height++)
            {
                HashLevel(_levels[height], path);
            }
        }
        finally
        {
            // Leave no node behind for the next call on this thread, even after a failure.
            foreach (var level in _levels)
            {
                level.Clear();
            }
        }
    }

    private void HashLevel(List<TrieNode> level, KeccakBatchPath path)
    {
        var count = level.Count;
        Grow(ref _encodingOffsets, count);
        Grow(ref _encodingLengths, count);
        Grow(ref _payloadLengths, count);
        var total = 0;
        var hashed = 0;
        for (var i = 0; i < count; i++)
        {
            var payload = NodeHasher.PayloadLength(level[i]);
            var length = NodeHasher.EncodedLength(payload);
            _payloadLengths[i] = payload;
            _encodingOffsets[i] = total;
            _encodingLengths[i] = length;
            total += length;
            if (length >= HashLength)
            {
                hashed++;
            }
        }

        Grow(ref _encodings, total);
        Grow(ref _hashOffsets, hashed);
        Grow(ref _hashLengths, hashed);
        Grow(ref _digests, hashed * HashLength);
        hashed = 0;
        for (var i = 0; i < count; i++)
        {
            var offset = _encodingOffsets[i];
            var length = _encodingLengths[i];
            NodeHasher.Encode(level[i], _encodings.AsSpan(offset, length), _payloadLengths[i]);
            if (length >= HashLength)
            {
                _hashOffsets[hashed] = offset;
                _hashLengths[hashed] = length;
                hashed++;
            }
        }

        KeccakBatch.Hash(_encodings.AsSpan(0, total), _hashOffsets.AsSpan(0, hashed), _hashLengths.AsSpan(0, hashed), _digests, path);

        hashed = 0;
        for (var i = 0; i < count; i++)
        {
            var length = _encodingLengths[i];
            if (length >= HashLength)
            {
                level[i].SetReference(_digests.AsSpan(hashed * HashLength, HashLength));
                hashed++;
            }
            else
            {
                // A short node is embedded in its parent verbatim.
                level[i].SetReference(_encodings.AsSpan(_encodingOffsets[i], length));
            }
        }
    }

    private static void Grow<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = new T[Math.Max(length, array.Length * 2)];
        }
    }
}
