using System.Security.Cryptography;
using Swarmgrid.BitTorrent.Metainfo;

namespace Swarmgrid.BitTorrent.Creation;

/// <summary>
/// Hashes every piece of a layout on all cores. Each worker reads one piece at a time into its own buffer, so memory
/// stays at one piece per core whatever the size of the files.
/// </summary>
internal static class PieceHasher
{
    public static PieceHashes Hash(StreamLayout layout, bool v1, bool v2, int? maxParallelism, IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        var pieceLength = layout.PieceLength;
        var v1Hashes = new byte[v1 ? layout.PieceCount * 20 : 0];
        var v2Hashes = new byte[v2 ? layout.PieceCount * MerkleTree.HashSize : 0];
        var gate = new object();
        long hashed = 0;
        var options = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = maxParallelism ?? Environment.ProcessorCount,
        };

        Parallel.For(0, layout.PieceCount, options, () => new byte[pieceLength], (piece, _, buffer) =>
        {
            var start = (long)piece * pieceLength;
            var length = (int)Math.Min(pieceLength, layout.Length - start);
            var data = buffer.AsSpan(0, length);
            layout.Read(start, data);
            if (v1)
            {
                SHA1.HashData(data, v1Hashes.AsSpan(piece * 20, 20));
            }
            var dataBytes = length;
            if (v2)
            {
                var file = layout.FileAt(start);
                dataBytes = (int)Math.Min(length, file.Offset + file.Length - start);
                var blocks = file.Length <= pieceLength
                    ? MerkleTree.PaddedWidth((file.Length + MerkleTree.BlockSize - 1) / MerkleTree.BlockSize)
                    : pieceLength / MerkleTree.BlockSize;
                MerkleTree.PieceRoot(data[..dataBytes], blocks).CopyTo(v2Hashes.AsSpan(piece * MerkleTree.HashSize));
            }
            if (progress is not null)
            {
                lock (gate)
                {
                    hashed += v1 ? layout.BytesOfDataIn(start, length) : dataBytes;
                    progress.Report(hashed);
                }
            }
            return buffer;
        }, _ => { });
        return new PieceHashes(v1Hashes, v2Hashes);
    }
}
