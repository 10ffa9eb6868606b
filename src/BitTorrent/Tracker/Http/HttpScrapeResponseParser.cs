using System.Diagnostics.CodeAnalysis;
using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.BitTorrent.Tracker.Http;

/// <summary>Reads an HTTP scrape response body on the client side; never throws on malformed input.</summary>
/// <remarks>Entries whose key is not 20 bytes or whose value is not a dictionary are ignored.</remarks>
public static class HttpScrapeResponseParser
{
    /// <summary>
    /// Parses <paramref name="body"/>. Returns false with <paramref name="error"/> when it is not a bencoded dictionary;
    /// a tracker's refusal is a successful parse with <see cref="HttpScrapeResponse.FailureReason"/> set.
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> body, [NotNullWhen(true)] out HttpScrapeResponse? response, [NotNullWhen(false)] out string? error)
    {
        response = null;
        if (!TrackerBencode.TryDecodeDictionary(body, out var root, out error))
        {
            return false;
        }
        var files = new Dictionary<TrackerHash, ScrapeEntry>();
        if (root["files"] is BDictionary entries)
        {
            foreach (var (key, value) in entries)
            {
                if (TrackerHash.TryFromBytes(key.Span, out var hash) && value is BDictionary stats)
                {
                    files[hash] = new ScrapeEntry(
                        hash,
                        TrackerBencode.Integer(stats, "complete") ?? 0,
                        TrackerBencode.Integer(stats, "downloaded") ?? 0,
                        TrackerBencode.Integer(stats, "incomplete") ?? 0,
                        TrackerBencode.Text(stats, "name"));
                }
            }
        }
        response = new HttpScrapeResponse
        {
            FailureReason = TrackerBencode.Text(root, "failure reason"),
            Files = files,
            MinRequestInterval = root["flags"] is BDictionary flags ? TrackerBencode.Integer(flags, "min_request_interval") : null,
        };
        return true;
    }
}
