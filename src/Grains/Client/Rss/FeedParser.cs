using System.Net;
using System.ServiceModel.Syndication;
using System.Text.RegularExpressions;
using System.Xml;

namespace Swarmgrid.Grains.Client.Rss;

/// <summary>
/// One item of a feed as the pollers see it: its <see cref="Key"/> (guid, else link, else info-hash or torrent URL),
/// its title, and how to get the torrent — a magnet link and/or the URL of a <c>.torrent</c> file.
/// </summary>
public sealed record FeedItem(string Key, string Title, string? Magnet, Uri? TorrentUrl);

/// <summary>The document was not an RSS 2.0 or Atom 1.0 feed.</summary>
public sealed class FeedFormatException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads RSS 2.0 and Atom 1.0 with <c>System.ServiceModel.Syndication</c>. Magnet links are taken from links, the guid,
/// enclosures, Torznab attributes (<c>magneturl</c>, <c>infohash</c>) or the description; <c>.torrent</c> files from
/// enclosures of type <c>application/x-bittorrent</c> or links whose path ends in <c>.torrent</c>. Items with neither
/// are skipped. DTDs are ignored and nothing external is resolved; unreadable dates do not fail the feed.
/// </summary>
public static partial class FeedParser
{
    public const string TorznabNamespace = "http://torznab.com/schemas/2015/feed";
    private const string BitTorrentType = "application/x-bittorrent";

    public static IReadOnlyList<FeedItem> Parse(byte[] document)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            IgnoreComments = true,
            MaxCharactersFromEntities = 1 << 16,
        };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(document, writable: false), settings);
            SyndicationFeedFormatter formatter = new Rss20FeedFormatter { DateTimeParser = AnyDate, UriParser = AnyUri };
            if (!formatter.CanRead(reader))
            {
                formatter = new Atom10FeedFormatter { DateTimeParser = AnyDate, UriParser = AnyUri };
                if (!formatter.CanRead(reader))
                {
                    throw new FeedFormatException("the document is neither RSS 2.0 nor Atom 1.0");
                }
            }
            formatter.ReadFrom(reader);
            return formatter.Feed.Items.Select(Read).OfType<FeedItem>().ToList();
        }
        catch (XmlException ex)
        {
            throw new FeedFormatException($"the feed is not well-formed XML: {ex.Message}", ex);
        }
    }

    private static FeedItem? Read(SyndicationItem item)
    {
        var title = item.Title?.Text?.Trim() ?? "";
        var links = item.Links.Where(l => l.Uri is not null).ToList();
        var torznab = Torznab(item);

        var magnet = links.Select(l => l.Uri.OriginalString).FirstOrDefault(IsMagnet);
        if (magnet is null && IsMagnet(item.Id))
        {
            magnet = item.Id;
        }
        if (magnet is null && torznab.TryGetValue("magneturl", out var magnetUrl) && IsMagnet(magnetUrl))
        {
            magnet = magnetUrl;
        }
        if (magnet is null && torznab.TryGetValue("infohash", out var hash) && IsInfoHash(hash))
        {
            magnet = $"magnet:?xt=urn:btih:{hash.ToLowerInvariant()}";
        }
        magnet ??= DescriptionMagnet(item);

        var torrentUrl = links.FirstOrDefault(l => l.RelationshipType == "enclosure"
                && string.Equals(l.MediaType, BitTorrentType, StringComparison.OrdinalIgnoreCase) && IsHttp(l.Uri))?.Uri
            ?? links.FirstOrDefault(l => IsHttp(l.Uri) && l.Uri.AbsolutePath.EndsWith(".torrent", StringComparison.OrdinalIgnoreCase))?.Uri;
        if (magnet is null && torrentUrl is null)
        {
            return null;
        }

        var key = NonEmpty(item.Id)
            ?? links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri.OriginalString
            ?? (magnet is not null && MagnetHash().Match(magnet) is { Success: true } m ? "btih:" + m.Groups[1].Value.ToLowerInvariant() : null)
            ?? torrentUrl!.AbsoluteUri;
        return new FeedItem(key, title, magnet, torrentUrl);
    }

    private static Dictionary<string, string> Torznab(SyndicationItem item)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var extension in item.ElementExtensions.Where(e => e.OuterName == "attr" && e.OuterNamespace == TorznabNamespace))
        {
            using var reader = extension.GetReader();
            if (reader.GetAttribute("name") is { } name && reader.GetAttribute("value") is { } value)
            {
                attributes.TryAdd(name, value.Trim());
            }
        }
        return attributes;
    }

    private static string? DescriptionMagnet(SyndicationItem item)
    {
        var text = item.Summary?.Text ?? (item.Content as TextSyndicationContent)?.Text;
        return text is not null && DescriptionMagnetLink().Match(text) is { Success: true } match ? WebUtility.HtmlDecode(match.Value) : null;
    }

    private static bool IsMagnet(string? text) => text is not null && text.StartsWith("magnet:?", StringComparison.OrdinalIgnoreCase);

    private static bool IsInfoHash(string text) => text.Length is 40 or 64 && text.All(char.IsAsciiHexDigit);

    private static bool IsHttp(Uri uri) => uri.IsAbsoluteUri && uri.Scheme is "http" or "https";

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Feeds write dates every way; an item's date is not needed, so none fails the feed.</summary>
    private static bool AnyDate(XmlDateTimeData data, out DateTimeOffset date)
    {
        if (!DateTimeOffset.TryParse(data.DateTimeString, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out date))
        {
            date = DateTimeOffset.UnixEpoch;
        }
        return true;
    }

    /// <summary>A link that is no URI (a magnet with spaces, say) is kept as a relative one rather than failing the feed.</summary>
    private static bool AnyUri(XmlUriData data, out Uri? uri)
    {
        var text = data.UriString.Trim();
        uri = Uri.TryCreate(text, UriKind.Absolute, out var absolute) ? absolute
            : Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out var relative) ? relative
            : new Uri(Uri.EscapeDataString(text), UriKind.Relative);
        return true;
    }

    [GeneratedRegex(@"magnet:\?[^\s""'<>]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DescriptionMagnetLink();

    [GeneratedRegex(@"xt=urn:btih:([0-9a-fA-F]{40}|[A-Za-z2-7]{32})", RegexOptions.CultureInvariant)]
    private static partial Regex MagnetHash();
}
