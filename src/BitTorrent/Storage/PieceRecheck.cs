using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.PeerWire;

namespace Swarmgrid.BitTorrent.Storage;

/// <summary>
/// A full recheck: hashes every piece (on all cores) and returns the good ones. Pieces are read through
/// <see cref="TorrentStorage"/>, so the bytes of skipped files come from the part file.
/// </summary>
public static class PieceRecheck
{
    public static async Task<Bitfield> RunAsync(Torrent torrent, string directory, IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        using var storage = new TorrentStorage(torrent, directory);
        return await RunAsync(storage, progress, cancellationToken);
    }

    /// <param name="progress">Receives the piece bytes checked so far.</param>
    public static Task<Bitfield> RunAsync(TorrentStorage storage, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Run(storage, progress, cancellationToken), cancellationToken);

    private static Bitfield Run(TorrentStorage storage, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var layout = storage.Layout;
        var good = new bool[layout.PieceCount];
        var gate = new Lock();
        long checkedBytes = 0;
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, layout.PieceCount, options, () => new byte[layout.PieceLength], (piece, _, buffer) =>
        {
            try
            {
                good[piece] = storage.VerifyPiece(piece, buffer);
            }
            catch (IOException)
            {
                good[piece] = false;
            }
            if (progress is not null)
            {
                lock (gate)
                {
                    checkedBytes += layout.PieceSize(piece);
                    progress.Report(checkedBytes);
                }
            }
            return buffer;
        }, _ => { });
        var pieces = new Bitfield(layout.PieceCount);
        for (var i = 0; i < good.Length; i++)
        {
            pieces[i] = good[i];
        }
        return pieces;
    }
}
