using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Swarmgrid.WebFront.Tests;

/// <summary>
/// The library as a Torznab indexer: the capability document, search feeds with the element and attribute names
/// Prowlarr, Sonarr and Radarr read, API-key auth in the <c>apikey</c> parameter, and Newznab errors.
/// </summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class TorznabApiTests(EmbeddedSiloFixture fixture)
{
    private static readonly XNamespace Torznab = "http://torznab.com/schemas/2015/feed";

    [Fact]
    public async Task Caps_lists_the_searches_and_the_categories()
    {
        var caps = await GetXmlAsync($"/api/torznab/api?t=caps&apikey={await ApiKeyAsync()}");

        Assert.Equal("caps", caps.Root!.Name.LocalName);
        Assert.Equal(["search", "tv-search", "movie-search", "music-search", "book-search"],
            caps.Root.Element("searching")!.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("q,season,ep", (string?)caps.Root.Element("searching")!.Element("tv-search")!.Attribute("supportedParams"));
        Assert.Contains(caps.Root.Element("categories")!.Elements("category"), c => (string?)c.Attribute("id") == "2000");
        Assert.Contains(caps.Root.Element("categories")!.Elements("category"), c => (string?)c.Attribute("id") == "5000");
    }

    [Fact]
    public async Task A_tv_search_finds_the_episode_with_every_attribute_the_arr_applications_read()
    {
        var key = await ApiKeyAsync();
        var word = "t" + Guid.NewGuid().ToString("N")[..10];
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(TorrentFixtures.SingleFileV1($"{word}.Show.S02E05.1080p.WEB.h264.mkv", 33_000, out var infoHash)), "torrent", "t.torrent" } })
        {
            Assert.Equal(HttpStatusCode.Created, (await fixture.Client.PostAsync("/api/registry/torrent", form)).StatusCode);
        }
        await UploadAsync($"{word}.Film.2020.1080p.BluRay.x264.mkv");
        XElement? item = null;
        for (var i = 0; i < 100 && item is null; i++)
        {
            var feed = await GetXmlAsync($"/api/torznab/api?t=tvsearch&q={word}&season=2&ep=5&cat=5000,5040&apikey={key}");
            item = feed.Root!.Element("channel")!.Elements("item").SingleOrDefault();
            await Task.Delay(item is null ? 100 : 0);
        }
        var movies = await GetXmlAsync($"/api/torznab/api?t=movie&q={word}&apikey={key}");
        var wrongSeason = await GetXmlAsync($"/api/torznab/api?t=tvsearch&q={word}&season=3&apikey={key}");

        Assert.NotNull(item);
        var attributes = item.Elements(Torznab + "attr").ToDictionary(a => (string)a.Attribute("name")!, a => (string)a.Attribute("value")!);
        Assert.Equal("5000", attributes["category"]);
        Assert.Equal("33000", attributes["size"]);
        Assert.Equal(["seeders", "peers", "infohash", "magneturl"], new[] { "seeders", "peers", "infohash", "magneturl" }.Where(attributes.ContainsKey));
        Assert.StartsWith("magnet:?xt=urn:btih:" + attributes["infohash"], attributes["magneturl"]);
        Assert.Equal(attributes["magneturl"], (string?)item.Element("enclosure")!.Attribute("url"));
        Assert.Equal($"{word}.Show.S02E05.1080p.WEB.h264.mkv", (string?)item.Element("title"));
        Assert.NotNull(item.Element("pubDate"));
        Assert.Equal("2000", movies.Root!.Element("channel")!.Elements("item").Single().Elements(Torznab + "attr").Single(a => (string?)a.Attribute("name") == "category").Attribute("value")!.Value);
        Assert.Empty(wrongSeason.Root!.Element("channel")!.Elements("item"));
    }

    [Theory]
    [InlineData("t=search&apikey=wrong", HttpStatusCode.Unauthorized, "100")]
    [InlineData("t=search", HttpStatusCode.Unauthorized, "100")]
    public async Task Bad_credentials_are_a_newznab_error_100(string parameters, HttpStatusCode status, string code)
    {
        using var anonymous = fixture.Anonymous();

        var response = await anonymous.GetAsync($"/api/torznab/api?{parameters}");

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, (string?)XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Attribute("code"));
    }

    [Theory]
    [InlineData("", "200")]
    [InlineData("t=details", "202")]
    [InlineData("t=search&limit=0", "201")]
    [InlineData("t=search&limit=abc", "201")]
    [InlineData("t=search&cat=movies", "201")]
    [InlineData("t=tvsearch&season=-1", "201")]
    public async Task Bad_parameters_are_newznab_errors(string parameters, string code)
    {
        var key = await ApiKeyAsync();

        var response = await fixture.Anonymous().GetAsync($"/api/torznab/api?apikey={key}&{parameters}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(("error", code), (error.Name.LocalName, (string?)error.Attribute("code")));
    }

    private async Task UploadAsync(string name)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(TorrentFixtures.SingleFileV1(name, 21_000, out _)), "torrent", "t.torrent" } };
        Assert.Equal(HttpStatusCode.Created, (await fixture.Client.PostAsync("/api/registry/torrent", form)).StatusCode);
    }

    private async Task<string> ApiKeyAsync()
    {
        var created = await fixture.Client.PostAsJsonAsync("/api/v1/security/api-keys", new { name = "prowlarr" });
        return (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["key"]!;
    }

    private async Task<XDocument> GetXmlAsync(string path)
    {
        var response = await fixture.Anonymous().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
