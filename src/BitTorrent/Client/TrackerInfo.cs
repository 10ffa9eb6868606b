namespace Swarmgrid.BitTorrent.Client;

/// <summary>What a torrent knows of one of its trackers, as libtorrent's <c>announce_entry</c>.</summary>
/// <param name="Url">The tracker's announce URL.</param>
/// <param name="Tier">Its BEP 12 tier, 0 first.</param>
/// <param name="Status">
/// <c>not contacted</c>, <c>updating</c> (an announce is in flight), <c>working</c> (its last announce was answered) or
/// <c>error</c> (its last announce failed; see <paramref name="Message"/>).
/// </param>
/// <param name="Message">The tracker's failure reason or the network error of the last failed announce.</param>
/// <param name="Seeders">Seeders it counted in its last answer (<c>complete</c>), when it said.</param>
/// <param name="Leechers">Leechers it counted in its last answer (<c>incomplete</c>), when it said.</param>
/// <param name="Completed">Completed downloads from its last scrape answer (<c>downloaded</c>), when scraped.</param>
/// <param name="LastAnnounce">When its last announce ended.</param>
/// <param name="NextAnnounce">When the torrent announces to its tier next, while running.</param>
public sealed record TrackerInfo(Uri Url, int Tier, string Status, string? Message, long? Seeders, long? Leechers, long? Completed,
    DateTimeOffset? LastAnnounce, DateTimeOffset? NextAnnounce)
{
    public const string NotContacted = "not contacted";
    public const string Updating = "updating";
    public const string Working = "working";
    public const string Failing = "error";
}
