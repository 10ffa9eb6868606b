using System.Security.Cryptography;

namespace Swarmgrid.BitTorrent.Metainfo;

/// <summary>
/// BEP 52 SHA-256 merkle trees: leaves are hashes of 16 KiB blocks, the leaf layer is padded to a power of two
/// with zero hashes, and each parent is SHA-256(left ‖ right).
/// </summary>
public static class MerkleTree
{
    public const int BlockSize = 16 * 1024;
    public const int HashSize = 32;

    /// <summary>Roots of all-zero subtrees, by height; index 0 is the zero leaf.</summary>
    private static readonly byte[][] ZeroRoots = BuildZeroRoots(64);

    /// <summary>The root of a complete subtree of height <paramref name="height"/> whose leaves are all zero hashes.</summary>
    public static ReadOnlySpan<byte> ZeroRoot(int height) => ZeroRoots[height];

    /// <summary>
    /// The root over <paramref name="hashes"/> (concatenated 32-byte nodes of one layer), padded with zero subtrees
    /// of height <paramref name="height"/> up to <paramref name="width"/> nodes, which must be a power of two.
    /// </summary>
    public static byte[] Root(ReadOnlySpan<byte> hashes, long width, int height = 0)
    {
        var count = hashes.Length / HashSize;
        if (hashes.Length % HashSize != 0 || count == 0 || width < count || !long.IsPow2(width))
        {
            throw new ArgumentException("hashes must be 1 to width whole 32-byte nodes and width a power of two");
        }
        var layer = hashes.ToArray();
        var levels = System.Numerics.BitOperations.Log2((ulong)width);
        Span<byte> pair = stackalloc byte[2 * HashSize];
        for (var level = 0; level < levels; level++, height++)
        {
            var parents = (count + 1) / 2;
            for (var i = 0; i < parents; i++)
            {
                layer.AsSpan(2 * i * HashSize, HashSize).CopyTo(pair);
                var right = 2 * i + 1 < count ? layer.AsSpan((2 * i + 1) * HashSize, HashSize) : ZeroRoots[height];
                right.CopyTo(pair[HashSize..]);
                SHA256.HashData(pair, layer.AsSpan(i * HashSize, HashSize));
            }
            count = parents;
        }
        return layer[..HashSize];
    }

    /// <summary>Hashes each 16 KiB block of <paramref name="data"/> (the last may be short) into <paramref name="leaves"/>.</summary>
    public static int HashBlocks(ReadOnlySpan<byte> data, Span<byte> leaves)
    {
        var blocks = (data.Length + BlockSize - 1) / BlockSize;
        for (var i = 0; i < blocks; i++)
        {
            var block = data.Slice(i * BlockSize, Math.Min(BlockSize, data.Length - i * BlockSize));
            SHA256.HashData(block, leaves.Slice(i * HashSize, HashSize));
        }
        return blocks;
    }

    /// <summary>
    /// The hash of one piece of a file: the root of its blocks padded to <paramref name="blocksPerPiece"/> leaves.
    /// For a file no larger than one piece pass the file's block count rounded up to a power of two instead:
    /// that root is the file's pieces root.
    /// </summary>
    public static byte[] PieceRoot(ReadOnlySpan<byte> data, long blocksPerPiece)
    {
        var leaves = new byte[(data.Length + BlockSize - 1) / BlockSize * HashSize];
        HashBlocks(data, leaves);
        return Root(leaves, blocksPerPiece);
    }

    /// <summary>The pieces root of a file larger than one piece, from its (unpadded) piece layer.</summary>
    public static byte[] RootFromPieceLayer(ReadOnlySpan<byte> layer, int pieceLength)
    {
        var pieces = layer.Length / HashSize;
        var pieceHeight = System.Numerics.BitOperations.Log2((uint)(pieceLength / BlockSize));
        return Root(layer, (long)System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)pieces), pieceHeight);
    }

    /// <summary>The smallest power of two not below <paramref name="count"/> (1 for 0).</summary>
    public static long PaddedWidth(long count) => count <= 1 ? 1 : (long)System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)count);

    private static byte[][] BuildZeroRoots(int heights)
    {
        var roots = new byte[heights][];
        roots[0] = new byte[HashSize];
        var pair = new byte[2 * HashSize];
        for (var h = 1; h < heights; h++)
        {
            roots[h - 1].CopyTo(pair, 0);
            roots[h - 1].CopyTo(pair, HashSize);
            roots[h] = SHA256.HashData(pair);
        }
        return roots;
    }
}
