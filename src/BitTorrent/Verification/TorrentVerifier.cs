using System.Security.Cryptography;
using Swarmgrid.BitTorrent.Creation;
using Swarmgrid.BitTorrent.Metainfo;

namespace Swarmgrid.BitTorrent.Verification;

/// <summary>
/// Checks files on disk against a torrent, piece by piece, on all cores. v1 and hybrid torrents are checked with their
/// SHA-1 piece hashes (pad files count as zeros and are not read); v2-only torrents with each file's merkle piece layer.
/// </summary>
public static class TorrentVerifier
{
    /// <summary>
    /// Verifies the data under <paramref name="directory"/>, where each file lives at
    /// <c>directory/</c><see cref="TorrentFile.Path"/>. <paramref name="progress"/> receives the piece bytes checked so far.
    /// </summary>
    public static Task<VerificationResult> VerifyAsync(Torrent torrent, string directory, IProgress<long>? progress = null,
        int? maxDegreeOfParallelism = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Verify(torrent, directory, progress, maxDegreeOfParallelism, cancellationToken), cancellationToken);

    private static VerificationResult Verify(Torrent torrent, string directory, IProgress<long>? progress, int? maxParallelism,
        CancellationToken cancellationToken)
    {
        var (layout, present) = DiskLayout.Build(torrent, directory);
        var filesByOffset = torrent.Files.Where(f => !f.IsPad && f.Length > 0).ToDictionary(f => f.Offset);
        var pieceLength = torrent.PieceLength;
        var states = new PieceState[torrent.PieceCount];
        var gate = new object();
        long checkedBytes = 0;
        var options = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = maxParallelism ?? Environment.ProcessorCount,
        };

        Parallel.For(0, states.Length, options, () => new byte[pieceLength], (piece, _, buffer) =>
        {
            var start = (long)piece * pieceLength;
            var length = (int)Math.Min(pieceLength, layout.Length - start);
            states[piece] = layout.SegmentsOverlapping(start, length).Any(s => s.File is not null && !present.Contains(s))
                ? PieceState.Missing
                : Check(torrent, layout, filesByOffset, piece, buffer.AsSpan(0, length)) ? PieceState.Good : PieceState.Bad;
            if (progress is not null)
            {
                lock (gate)
                {
                    checkedBytes += length;
                    progress.Report(checkedBytes);
                }
            }
            return buffer;
        }, _ => { });
        return new VerificationResult(states);
    }

    private static bool Check(Torrent torrent, StreamLayout layout, Dictionary<long, TorrentFile> filesByOffset, int piece, Span<byte> data)
    {
        var start = (long)piece * torrent.PieceLength;
        try
        {
            layout.Read(start, data);
        }
        catch (IOException)
        {
            return false;
        }
        if (torrent.HasV1)
        {
            return SHA1.HashData(data).AsSpan().SequenceEqual(torrent.GetPieceHash(piece).Span);
        }
        var segment = layout.FileAt(start);
        var file = filesByOffset[segment.Offset];
        var dataBytes = (int)Math.Min(data.Length, segment.Offset + segment.Length - start);
        var index = (int)((start - segment.Offset) / torrent.PieceLength);
        var blocks = file.Length <= torrent.PieceLength
            ? MerkleTree.PaddedWidth((file.Length + MerkleTree.BlockSize - 1) / MerkleTree.BlockSize)
            : torrent.PieceLength / MerkleTree.BlockSize;
        var layer = torrent.GetPieceLayer(file).Span;
        if (layer.Length < (index + 1) * MerkleTree.HashSize)
        {
            return false;
        }
        var expected = layer.Slice(index * MerkleTree.HashSize, MerkleTree.HashSize);
        return MerkleTree.PieceRoot(data[..dataBytes], blocks).AsSpan().SequenceEqual(expected);
    }
}
