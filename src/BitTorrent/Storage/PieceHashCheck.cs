using System.Security.Cryptography;
using Swarmgrid.BitTorrent.Metainfo;

namespace Swarmgrid.BitTorrent.Storage;

/// <summary>
/// Checks a whole piece against the torrent: SHA-1 for v1 and hybrid torrents, the SHA-256 merkle piece layer for
/// v2-only; false for a v2-only piece whose layer is not known yet.
/// </summary>
public static class PieceHashCheck
{
    public static bool IsValid(Torrent torrent, PieceLayout layout, int piece, ReadOnlySpan<byte> data)
    {
        if (torrent.HasV1)
        {
            Span<byte> hash = stackalloc byte[20];
            SHA1.HashData(data, hash);
            return hash.SequenceEqual(torrent.GetPieceHash(piece).Span);
        }
        var start = (long)piece * torrent.PieceLength;
        var fileIndex = layout.FileAt(start);
        if (fileIndex < 0)
        {
            return false;
        }
        var file = torrent.Files[fileIndex];
        var index = (int)((start - file.Offset) / torrent.PieceLength);
        var blocks = file.Length <= torrent.PieceLength
            ? MerkleTree.PaddedWidth((file.Length + MerkleTree.BlockSize - 1) / MerkleTree.BlockSize)
            : torrent.PieceLength / MerkleTree.BlockSize;
        var layer = torrent.GetPieceLayer(file).Span;
        if (layer.Length < (index + 1) * MerkleTree.HashSize)
        {
            // The piece layer is not known yet (a magnet link's v2 torrent before the hashes arrive).
            return false;
        }
        var expected = layer.Slice(index * MerkleTree.HashSize, MerkleTree.HashSize);
        return MerkleTree.PieceRoot(data, blocks).AsSpan().SequenceEqual(expected);
    }
}
