using System.Text;

namespace Swarmgrid.BitTorrent.Tracker.Http;

/// <summary>Builds scrape queries and URLs on the client side.</summary>
public static class HttpScrapeQuery
{
    /// <summary>The query without the leading <c>?</c>: one <c>info_hash</c> per hash, percent-encoded.</summary>
    public static string Build(ReadOnlySpan<TrackerHash> infoHashes)
    {
        var query = new StringBuilder(infoHashes.Length * 72);
        Span<byte> bytes = stackalloc byte[TrackerHash.Size];
        foreach (var hash in infoHashes)
        {
            hash.CopyTo(bytes);
            PercentEncoding.Append(query.Append(query.Length == 0 ? "info_hash=" : "&info_hash="), bytes);
        }
        return query.ToString();
    }

    /// <summary>
    /// The scrape URL of an announce URL by the convention of BEP 48: the last path segment's <c>announce</c> becomes
    /// <c>scrape</c>. Null when the last segment does not start with <c>announce</c> (the tracker does not scrape).
    /// </summary>
    public static string? ScrapeUrlOf(string announceUrl)
    {
        var queryStart = announceUrl.IndexOf('?');
        var path = queryStart < 0 ? announceUrl : announceUrl[..queryStart];
        var segment = path.LastIndexOf('/') + 1;
        if (segment == 0 || string.CompareOrdinal(path, segment, "announce", 0, 8) != 0)
        {
            return null;
        }
        return string.Concat(announceUrl.AsSpan(0, segment), "scrape", announceUrl.AsSpan(segment + 8));
    }
}
