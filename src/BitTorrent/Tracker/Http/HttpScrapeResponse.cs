namespace Swarmgrid.BitTorrent.Tracker.Http;

/// <summary>An HTTP scrape response as a client reads it (see <see cref="HttpScrapeResponseParser"/>).</summary>
public sealed class HttpScrapeResponse
{
    /// <summary>The tracker refused the scrape with this reason.</summary>
    public string? FailureReason { get; init; }

    /// <summary>Statistics per torrent; missing counts are 0.</summary>
    public IReadOnlyDictionary<TrackerHash, ScrapeEntry> Files { get; init; } = new Dictionary<TrackerHash, ScrapeEntry>();

    /// <summary>Seconds to wait before scraping again (<c>flags.min_request_interval</c>).</summary>
    public long? MinRequestInterval { get; init; }
}
