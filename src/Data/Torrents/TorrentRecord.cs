namespace Swarmgrid.Data.Torrents;

/// <summary>
/// One client torrent as listed in the <c>torrents</c> read model; <see cref="Silo"/> is the silo that last ran it
/// (null before it first ran), so the silos can bring back the torrents of a silo that died.
/// </summary>
public sealed record TorrentRecord(string InfoHash, string Name, string SavePath, int? CategoryId, bool Paused, DateTimeOffset AddedAt, string? Silo);
