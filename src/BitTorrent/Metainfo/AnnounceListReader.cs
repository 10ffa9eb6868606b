using Swarmgrid.BitTorrent.Bencoding;

namespace Swarmgrid.BitTorrent.Metainfo;

/// <summary>Reads trackers (<c>announce</c>, BEP 12 <c>announce-list</c>) and BEP 19 web seeds (<c>url-list</c>).</summary>
internal static class AnnounceListReader
{
    public static IReadOnlyList<IReadOnlyList<string>> ReadTiers(BDictionary root)
    {
        var tiers = new List<IReadOnlyList<string>>();
        if (Fields.Optional<BList>(root, "announce-list", "metainfo") is { } list)
        {
            foreach (var tierValue in list)
            {
                var tier = tierValue as BList ?? throw new TorrentFormatException("an announce-list tier is not a list");
                var urls = tier.Select(url => (url as BString ?? throw new TorrentFormatException("an announce-list URL is not a string")).Text)
                    .Where(url => url.Length > 0)
                    .Distinct(StringComparer.Ordinal)
                    .ToArray();
                if (urls.Length > 0)
                {
                    tiers.Add(urls);
                }
            }
        }
        // BEP 12: a client that understands announce-list ignores announce.
        if (tiers.Count == 0 && Fields.OptionalText(root, "announce", "metainfo") is { Length: > 0 } announce)
        {
            tiers.Add([announce]);
        }
        return tiers;
    }

    public static IReadOnlyList<string> ReadWebSeeds(BDictionary root) => root["url-list"] switch
    {
        null => [],
        BString one => one.Bytes.IsEmpty ? [] : [one.Text],
        BList many => many.Select(url => (url as BString ?? throw new TorrentFormatException("a url-list entry is not a string")).Text)
            .Where(url => url.Length > 0)
            .ToArray(),
        _ => throw new TorrentFormatException("'url-list' is neither a string nor a list"),
    };

    public static DateTimeOffset? ReadCreationDate(BDictionary root)
    {
        var seconds = Fields.Optional<BInteger>(root, "creation date", "metainfo")?.Value;
        return seconds is >= 0 and <= 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(seconds.Value) : null;
    }
}
