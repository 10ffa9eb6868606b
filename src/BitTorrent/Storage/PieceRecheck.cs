using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.PeerWire;
using Swarmgrid.BitTorrent.Verification;

namespace Swarmgrid.BitTorrent.Storage;

/// <summary>A full recheck: hashes every piece on disk (on all cores) and returns the good ones.</summary>
public static class PieceRecheck
{
    public static async Task<Bitfield> RunAsync(Torrent torrent, string directory, IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var result = await TorrentVerifier.VerifyAsync(torrent, directory, progress, cancellationToken: cancellationToken);
        var good = new Bitfield(torrent.PieceCount);
        for (var i = 0; i < result.Pieces.Count; i++)
        {
            good[i] = result.Pieces[i] == PieceState.Good;
        }
        return good;
    }
}
