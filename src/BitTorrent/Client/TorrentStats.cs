namespace Swarmgrid.BitTorrent.Client;

/// <summary>
/// A snapshot of a torrent's transfer. <see cref="QueuePosition"/> is its place in the engine's queue (0 first);
/// <see cref="ForceStart"/> says it runs regardless of the active limits.
/// </summary>
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
    string? Error,
    int QueuePosition,
    bool ForceStart)
{
    /// <summary>Whether the torrent waits for a free slot in the engine's queue.</summary>
    public bool IsQueued => State == TorrentState.Queued;

    /// <summary>Wanted bytes verified, 0 to 1.</summary>
    public double Progress => WantedBytes == 0 ? (State is TorrentState.FetchingMetadata or TorrentState.Hashing ? 0 : 1) : (double)VerifiedWantedBytes / WantedBytes;
}
