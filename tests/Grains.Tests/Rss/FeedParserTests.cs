using System.Text;
using Swarmgrid.Grains.Client.Rss;

namespace Swarmgrid.Grains.Tests.Rss;

public sealed class FeedParserTests
{
    private const string Hash = "0123456789abcdef0123456789abcdef01234567";

    private static IReadOnlyList<FeedItem> Parse(string xml) => FeedParser.Parse(Encoding.UTF8.GetBytes(xml));

    [Fact]
    public void Rss_items_give_magnets_from_links_torznab_attributes_and_descriptions_and_torrents_from_enclosures()
    {
        var items = Parse($"""
            <?xml version="1.0"?>
            <rss version="2.0" xmlns:torznab="http://torznab.com/schemas/2015/feed"><channel><title>t</title><link>http://x.example/</link><description>d</description>
            <item><title>Link</title><guid>g-link</guid><link>magnet:?xt=urn:btih:{Hash}&amp;dn=a%20b</link></item>
            <item><title>Torznab hash</title><guid>g-hash</guid><link>https://indexer.example/details/1</link><torznab:attr name="infohash" value="{Hash.ToUpperInvariant()}"/></item>
            <item><title>Torznab url</title><guid>g-url</guid><torznab:attr name="magneturl" value="magnet:?xt=urn:btih:{Hash}&amp;tr=udp://t"/></item>
            <item><title>Description</title><link>https://site.example/post/9</link><description>&lt;a href="magnet:?xt=urn:btih:{Hash}&amp;amp;dn=x"&gt;get&lt;/a&gt;</description></item>
            <item><title>Enclosure</title><guid>g-file</guid><enclosure url="https://files.example/get?id=5" length="10" type="application/x-bittorrent"/></item>
            <item><title>By path</title><guid>g-path</guid><link>https://files.example/a.torrent</link></item>
            <item><title>Nothing to add</title><guid>g-none</guid><link>https://site.example/post/10</link></item>
            </channel></rss>
            """);

        Assert.Equal(["g-link", "g-hash", "g-url", "https://site.example/post/9", "g-file", "g-path"], items.Select(i => i.Key));
        Assert.Equal($"magnet:?xt=urn:btih:{Hash}&dn=a%20b", items[0].Magnet);
        Assert.Equal($"magnet:?xt=urn:btih:{Hash}", items[1].Magnet);
        Assert.Equal($"magnet:?xt=urn:btih:{Hash}&tr=udp://t", items[2].Magnet);
        Assert.Equal($"magnet:?xt=urn:btih:{Hash}&dn=x", items[3].Magnet);
        Assert.Equal(("Enclosure", null, "https://files.example/get?id=5"), (items[4].Title, items[4].Magnet, items[4].TorrentUrl?.AbsoluteUri));
        Assert.Equal("https://files.example/a.torrent", items[5].TorrentUrl?.AbsoluteUri);
    }

    [Fact]
    public void Atom_entries_are_read_and_an_item_without_guid_or_link_is_keyed_by_its_info_hash()
    {
        var items = Parse($"""
            <?xml version="1.0"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:f</id><updated>2026-11-28T10:00:00Z</updated>
            <entry><title>One</title><id>urn:one</id><updated>2026-11-28T10:00:00Z</updated><link rel="enclosure" type="application/x-bittorrent" href="https://f.example/1"/></entry>
            </feed>
            """);
        var keyed = Parse($"""
            <rss version="2.0"><channel><title>t</title><link>http://x.example/</link><description>d</description>
            <item><title>No guid</title><description>magnet:?xt=urn:btih:{Hash.ToUpperInvariant()}</description></item>
            </channel></rss>
            """);

        Assert.Equal(("urn:one", "One", "https://f.example/1"), (items.Single().Key, items.Single().Title, items.Single().TorrentUrl?.AbsoluteUri));
        Assert.Equal("btih:" + Hash, keyed.Single().Key);
    }

    [Fact]
    public void Dates_no_one_can_read_do_not_fail_the_feed_and_external_entities_are_not_resolved()
    {
        var items = Parse($"""
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <rss version="2.0"><channel><title>t</title><link>http://x.example/</link><description>d</description>
            <item><title>Odd date</title><guid>g</guid><pubDate>last tuesday-ish</pubDate><link>magnet:?xt=urn:btih:{Hash}</link></item>
            </channel></rss>
            """);

        Assert.Equal("Odd date", items.Single().Title);
    }

    [Theory]
    [InlineData("<html><body>not a feed</body></html>")]
    [InlineData("<rss version=\"2.0\"><channel>")]
    [InlineData("")]
    public void What_is_no_feed_fails_as_a_format_error(string document) =>
        Assert.Throws<FeedFormatException>(() => Parse(document));
}
