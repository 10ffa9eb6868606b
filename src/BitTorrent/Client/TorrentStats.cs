namespace Swarmgrid.BitTorrent.Client;

/// <summary>A snapshot of a torrent's transfer.</summary>
public sealed record TorrentStats(
    TorrentState State,
    long WantedBytes,
    long VerifiedWantedBytes,
    long DownloadRate,
    long UploadRate,
    long Downloaded,
    long Uploaded,
    int Peers,
    int Seeds,
    int VerifiedPieces,
    int PieceCount,
    int HashFailures,
    int BannedPeers,
    IReadOnlyList<string> MissingFiles,
    string? Error)
{
    /// <summary>Wanted bytes verified, 0 to 1.</summary>
    public double Progress => WantedBytes == 0 ? (State == TorrentState.FetchingMetadata ? 0 : 1) : (double)VerifiedWantedBytes / WantedBytes;
}
