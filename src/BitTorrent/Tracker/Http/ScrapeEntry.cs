namespace Swarmgrid.BitTorrent.Tracker.Http;

/// <summary>One torrent's statistics in an HTTP scrape response.</summary>
/// <param name="InfoHash">The torrent.</param>
/// <param name="Complete">Seeders (<c>complete</c>).</param>
/// <param name="Downloaded">Completed downloads ever (<c>downloaded</c>).</param>
/// <param name="Incomplete">Leechers (<c>incomplete</c>).</param>
/// <param name="Name">The torrent's name (<c>name</c>); omitted when null.</param>
public readonly record struct ScrapeEntry(TrackerHash InfoHash, long Complete, long Downloaded, long Incomplete, string? Name = null);
