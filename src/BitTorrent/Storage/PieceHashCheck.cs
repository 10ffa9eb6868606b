using System.Security.Cryptography;
using Swarmgrid.BitTorrent.Metainfo;

namespace Swarmgrid.BitTorrent.Storage;

/// <summary>Checks a whole piece against the torrent: SHA-1 for v1 and hybrid torrents, the SHA-256 merkle piece layer for v2-only.</summary>
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
        var expected = torrent.GetPieceLayer(file).Span.Slice(index * MerkleTree.HashSize, MerkleTree.HashSize);
        return MerkleTree.PieceRoot(data, blocks).AsSpan().SequenceEqual(expected);
    }
}
