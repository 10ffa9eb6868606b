using System.Numerics;
using System.Security.Cryptography;
using Swarmgrid.BitTorrent.PeerWire;

namespace Swarmgrid.BitTorrent.Metainfo;

/// <summary>
/// BEP 52 hash requests over one file's merkle tree: answering one from the layers we know, and checking an answer
/// against the file's pieces root. Heights count from the 16 KiB block leaves (0) to the root (the tree's height);
/// layers are padded to a power of two with the roots of all-zero subtrees.
/// </summary>
public static class MerkleProofs
{
    /// <summary>The tree's height for a file of <paramref name="length"/> bytes: log2 of its block count rounded up to a power of two.</summary>
    public static int TreeHeight(long length) =>
        BitOperations.Log2((ulong)MerkleTree.PaddedWidth(Math.Max(1, (length + MerkleTree.BlockSize - 1) / MerkleTree.BlockSize)));

    /// <summary>
    /// Whether the request is one a peer may make of a file whose tree has height <paramref name="treeHeight"/>: the
    /// base layer below the root, a power-of-two length of at most <see cref="HashRequest.MaxLength"/> at an index that is a
    /// multiple of it, inside the layer, with proofs that stay below the root.
    /// </summary>
    public static bool IsValid(HashRequest request, int treeHeight)
    {
        if (request.BaseLayer >= treeHeight || request.Length is <= 0 or > HashRequest.MaxLength || !int.IsPow2(request.Length)
            || request.Index % request.Length != 0 || request.ProofLayers >= treeHeight - request.BaseLayer)
        {
            return false;
        }
        var width = 1L << (treeHeight - request.BaseLayer);
        return (long)request.Index + request.Length <= width;
    }

    /// <summary>
    /// The hashes that answer <paramref name="request"/>: its base-layer hashes, then one uncle per proof layer from
    /// the bottom up. <paramref name="node"/> gives the hash at a height and index (null when unknown); the answer is
    /// null when any hash it needs is unknown.
    /// </summary>
    public static byte[]? Answer(HashRequest request, int treeHeight, Func<int, long, byte[]?> node)
    {
        if (!IsValid(request, treeHeight))
        {
            return null;
        }
        var uncles = request.UncleCount;
        var answer = new byte[(request.Length + uncles) * MerkleTree.HashSize];
        for (var i = 0; i < request.Length; i++)
        {
            if (node(request.BaseLayer, request.Index + i) is not { } hash)
            {
                return null;
            }
            hash.CopyTo(answer, i * MerkleTree.HashSize);
        }
        var levels = BitOperations.Log2((uint)request.Length);
        for (var u = 0; u < uncles; u++)
        {
            var height = request.BaseLayer + levels + u;
            var position = ((long)request.Index >> (levels + u)) ^ 1;
            if (node(height, position) is not { } uncle)
            {
                return null;
            }
            uncle.CopyTo(answer, (request.Length + u) * MerkleTree.HashSize);
        }
        return answer;
    }

    /// <summary>
    /// Whether <paramref name="hashes"/> (an answer to <paramref name="request"/>) hash up to <paramref name="root"/>:
    /// the base-layer hashes fold into their subtree's root, which the uncles then carry to the top. Only answers whose
    /// proofs reach the root can be checked this way.
    /// </summary>
    public static bool Verify(HashRequest request, int treeHeight, ReadOnlySpan<byte> root, ReadOnlySpan<byte> hashes)
    {
        if (!IsValid(request, treeHeight) || hashes.Length != (request.Length + request.UncleCount) * MerkleTree.HashSize)
        {
            return false;
        }
        var levels = BitOperations.Log2((uint)request.Length);
        if (request.BaseLayer + levels + request.UncleCount != treeHeight)
        {
            return false;
        }
        var layer = hashes[..(request.Length * MerkleTree.HashSize)].ToArray();
        var count = request.Length;
        Span<byte> pair = stackalloc byte[2 * MerkleTree.HashSize];
        while (count > 1)
        {
            for (var i = 0; i < count / 2; i++)
            {
                layer.AsSpan(2 * i * MerkleTree.HashSize, 2 * MerkleTree.HashSize).CopyTo(pair);
                SHA256.HashData(pair, layer.AsSpan(i * MerkleTree.HashSize, MerkleTree.HashSize));
            }
            count /= 2;
        }
        Span<byte> current = stackalloc byte[MerkleTree.HashSize];
        layer.AsSpan(0, MerkleTree.HashSize).CopyTo(current);
        var position = (long)request.Index >> levels;
        for (var u = 0; u < request.UncleCount; u++, position >>= 1)
        {
            var uncle = hashes.Slice((request.Length + u) * MerkleTree.HashSize, MerkleTree.HashSize);
            if ((position & 1) == 0)
            {
                current.CopyTo(pair);
                uncle.CopyTo(pair[MerkleTree.HashSize..]);
            }
            else
            {
                uncle.CopyTo(pair);
                current.CopyTo(pair[MerkleTree.HashSize..]);
            }
            SHA256.HashData(pair, current);
        }
        return current.SequenceEqual(root);
    }

    /// <summary>
    /// Every layer from the piece layer (padded) up to the root, for answering requests at or above the piece layer:
    /// element 0 is the padded piece layer, the last is the root.
    /// </summary>
    public static List<byte[]> LayersAbovePieces(ReadOnlySpan<byte> pieceLayer, int pieceHeight, int treeHeight)
    {
        var width = 1 << (treeHeight - pieceHeight);
        var layer = new byte[width * MerkleTree.HashSize];
        pieceLayer.CopyTo(layer);
        for (var i = pieceLayer.Length / MerkleTree.HashSize; i < width; i++)
        {
            MerkleTree.ZeroRoot(pieceHeight).CopyTo(layer.AsSpan(i * MerkleTree.HashSize));
        }
        var layers = new List<byte[]> { layer };
        while (width > 1)
        {
            width /= 2;
            var parent = new byte[width * MerkleTree.HashSize];
            for (var i = 0; i < width; i++)
            {
                SHA256.HashData(layers[^1].AsSpan(2 * i * MerkleTree.HashSize, 2 * MerkleTree.HashSize), parent.AsSpan(i * MerkleTree.HashSize));
            }
            layers.Add(parent);
        }
        return layers;
    }
}
