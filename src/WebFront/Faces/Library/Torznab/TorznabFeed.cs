using System.Globalization;
using System.Xml.Linq;
using Swarmgrid.Data.Library;
using Swarmgrid.Data.Registry;

namespace Swarmgrid.WebFront.Faces.Library.Torznab;

/// <summary>The Torznab documents: capabilities, a result feed (RSS 2.0 with <c>torznab:attr</c>), and errors.</summary>
public static class TorznabFeed
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    private static readonly XNamespace Torznab = "http://torznab.com/schemas/2015/feed";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static XDocument Caps() => new(new XDeclaration("1.0", "utf-8", null),
        new XElement("caps",
            new XElement("server", new XAttribute("version", "1.0"), new XAttribute("title", "Swarmgrid")),
            new XElement("limits", new XAttribute("max", MaxLimit), new XAttribute("default", DefaultLimit)),
            new XElement("searching",
                Search("search", "q"),
                Search("tv-search", "q,season,ep"),
                Search("movie-search", "q"),
                Search("music-search", "q"),
                Search("book-search", "q")),
            new XElement("categories", TorznabCategories.All.Select(c =>
                new XElement("category", new XAttribute("id", c.Id), new XAttribute("name", c.Name))))));

    public static XDocument Results(Uri self, IReadOnlyList<LibraryItemRecord> items, long total, int offset,
        IReadOnlyDictionary<string, SwarmStatsRecord> swarms)
    {
        var channel = new XElement("channel",
            new XElement(Atom + "link", new XAttribute("href", self), new XAttribute("rel", "self"), new XAttribute("type", "application/rss+xml")),
            new XElement("title", "Swarmgrid"),
            new XElement("description", "The Swarmgrid library"),
            new XElement("link", new Uri(self, "/").ToString()),
            new XElement(Torznab + "response", new XAttribute("offset", offset), new XAttribute("total", total)));
        foreach (var item in items)
        {
            channel.Add(Item(item, swarms.GetValueOrDefault(SwarmKey(item))));
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement("rss", new XAttribute("version", "2.0"), new XAttribute(XNamespace.Xmlns + "atom", Atom),
                new XAttribute(XNamespace.Xmlns + "torznab", Torznab), channel));
    }

    /// <summary>A Newznab error: 100 bad credentials, 200/201 missing or bad parameter, 202 no such function.</summary>
    public static XDocument Error(int code, string description) => new(new XDeclaration("1.0", "utf-8", null),
        new XElement("error", new XAttribute("code", code), new XAttribute("description", description)));

    public static string SwarmKey(LibraryItemRecord item) => item.InfoHash[..40];

    private static XElement Item(LibraryItemRecord item, SwarmStatsRecord? swarm)
    {
        var magnet = LibraryTorrentDetail.From(item, [], []).MagnetUri;
        var category = TorznabCategories.IdOf(item.ContentType);
        var (seeders, leechers) = (swarm?.Seeders ?? 0, swarm?.Leechers ?? 0);
        return new XElement("item",
            new XElement("title", item.Name),
            new XElement("guid", item.InfoHash),
            new XElement("link", magnet),
            new XElement("pubDate", item.CreatedAt.ToString("r", CultureInfo.InvariantCulture)),
            new XElement("size", item.SizeBytes),
            new XElement("category", category),
            new XElement("enclosure", new XAttribute("url", magnet), new XAttribute("length", item.SizeBytes), new XAttribute("type", "application/x-bittorrent")),
            Attr("category", category),
            Attr("size", item.SizeBytes),
            Attr("seeders", seeders),
            Attr("peers", seeders + leechers),
            Attr("grabs", swarm?.Completions ?? 0),
            Attr("infohash", item.InfoHash),
            Attr("magneturl", magnet),
            Attr("downloadvolumefactor", 0),
            Attr("uploadvolumefactor", 1));
    }

    private static XElement Search(string name, string parameters) =>
        new(name, new XAttribute("available", "yes"), new XAttribute("supportedParams", parameters));

    private static XElement Attr(string name, object value) =>
        new(Torznab + "attr", new XAttribute("name", name), new XAttribute("value", Convert.ToString(value, CultureInfo.InvariantCulture)!));
}
