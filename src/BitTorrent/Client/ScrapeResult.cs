namespace Swarmgrid.BitTorrent.Client;

/// <summary>A tracker's scrape answer for one torrent (BEP 48, BEP 15), or why there is none.</summary>
/// <param name="Seeders">Peers with the whole torrent (<c>complete</c>).</param>
/// <param name="Completed">Downloads completed ever (<c>downloaded</c>).</param>
/// <param name="Leechers">Peers still downloading (<c>incomplete</c>).</param>
/// <param name="Tracker">The tracker that answered.</param>
/// <param name="FailureReason">Why no tracker answered; null on success.</param>
public sealed record ScrapeResult(long Seeders, long Completed, long Leechers, Uri? Tracker, string? FailureReason = null)
{
    public bool IsSuccess => FailureReason is null;

    public static ScrapeResult Failure(string reason, Uri? tracker = null) => new(0, 0, 0, tracker, reason);
}
