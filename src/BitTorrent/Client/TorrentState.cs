namespace Swarmgrid.BitTorrent.Client;

/// <summary>Where a torrent is in its life.</summary>
public enum TorrentState
{
    Stopped,
    Queued,
    FetchingMetadata,
    Hashing,
    Downloading,
    Seeding,
    Error,
}
