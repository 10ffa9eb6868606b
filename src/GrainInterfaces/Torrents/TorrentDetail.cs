namespace Swarmgrid.GrainInterfaces.Torrents;

/// <summary>Which optional parts of a torrent's detail to build (the client face's inspector tabs).</summary>
[Flags]
public enum DetailParts
{
    None = 0,
    Files = 1,
    Peers = 2,
    Trackers = 4,
    All = Files | Peers | Trackers,
}

/// <summary>
/// A torrent's files, connected peers and trackers, each null when not asked for (<see cref="DetailParts"/>). Published
/// as the <c>torrent.detail</c> event while someone watches the torrent.
/// </summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.TorrentDetail")]
public sealed record TorrentDetail(
    [property: Id(0)] string InfoHash,
    [property: Id(1)] IReadOnlyList<TorrentFileDetail>? Files,
    [property: Id(2)] IReadOnlyList<TorrentPeerDetail>? Peers,
    [property: Id(3)] IReadOnlyList<TorrentTrackerDetail>? Trackers);

/// <summary>One file: its index in the torrent, path inside the torrent, size, verified bytes and priority (0 skip … 7 maximum).</summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.TorrentFileDetail")]
public sealed record TorrentFileDetail(
    [property: Id(0)] int Index,
    [property: Id(1)] string Path,
    [property: Id(2)] long Size,
    [property: Id(3)] long BytesDone,
    [property: Id(4)] int Priority);

/// <summary>
/// One connected peer. <see cref="Flags"/> are qBittorrent's letters: D/d downloading/wanting, U/u uploading/refusing,
/// K unchoked but not wanted, ? not interested while unchoked, S snubbed, I incoming, X from PEX, H from DHT, L local
/// discovery, E encrypted.
/// </summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.TorrentPeerDetail")]
public sealed record TorrentPeerDetail(
    [property: Id(0)] string Ip,
    [property: Id(1)] int Port,
    [property: Id(2)] string Client,
    [property: Id(3)] string Flags,
    [property: Id(4)] double Progress,
    [property: Id(5)] long DownloadRate,
    [property: Id(6)] long UploadRate);

/// <summary>One tracker with what it last said; times in unix seconds, 0 when never.</summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.TorrentTrackerDetail")]
public sealed record TorrentTrackerDetail(
    [property: Id(0)] string Url,
    [property: Id(1)] int Tier,
    [property: Id(2)] string Status,
    [property: Id(3)] string? Message,
    [property: Id(4)] long Seeds,
    [property: Id(5)] long Peers,
    [property: Id(6)] long Downloaded,
    [property: Id(7)] long LastAnnounce,
    [property: Id(8)] long NextAnnounce);
