namespace Swarmgrid.Data.Torrents;

/// <summary>One client torrent as listed in the <c>torrents</c> read model.</summary>
public sealed record TorrentRecord(string InfoHash, string Name, string SavePath, string? Category, bool Paused, DateTimeOffset AddedAt);
