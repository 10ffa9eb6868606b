using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Swarmgrid.TestSupport;

namespace Swarmgrid.WebFront.Tests;

/// <summary>
/// The client face's RSS feeds and filters over HTTP against feeds served on loopback: conditional polls, filters that
/// add matching magnet and .torrent items once with their category and folder, SSRF refusals, bad input on every route,
/// and roles. Polls are made with the operator's refresh route, so nothing waits on the feed's interval.
/// </summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class ClientFeedsApiTests(EmbeddedSiloFixture fixture)
{
    private const string Feeds = "/client/api/feeds";
    private const string Filters = "/client/api/filters";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private HttpClient Admin => fixture.Client;

    [Fact]
    public async Task A_filter_adds_matching_magnet_and_torrent_items_once_and_the_etag_makes_an_unchanged_feed_a_304()
    {
        await using var server = await FakeFeedServer.StartAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var ubuntu = RandomHash();
        var windows = RandomHash();
        var torrent = TorrentFixtures.SingleFileV1($"debian-{suffix}.bin", 30_000, out var debian);
        var torrentUrl = server.PutFile($"debian-{suffix}.torrent", torrent);
        var items = new List<string>
        {
            RssItem($"Ubuntu 24.04 {suffix}", "ubuntu-1", magnet: Magnet(ubuntu, "ubuntu")),
            RssItem($"Debian 12 {suffix}", "debian-1", enclosure: torrentUrl.AbsoluteUri),
            RssItem($"Windows 11 {suffix}", "windows-1", magnet: Magnet(windows, "windows")),
        };
        var url = server.PutFeed("linux.xml", Rss(items));
        var category = await CreatedIdAsync(await Admin.PostAsJsonAsync("/client/api/categories", new { name = "rss-" + suffix, default_save_path = "/srv/rss-category" }));
        var feed = await CreatedIdAsync(await Admin.PostAsJsonAsync(Feeds, new { url = url.AbsoluteUri, name = "Linux " + suffix, interval_min = 0, enabled = true }));
        string? later = null;
        try
        {
            var filter = await CreatedIdAsync(await Admin.PostAsJsonAsync(Filters,
                new { feed_id = feed, regex = "^(Ubuntu|Debian) ", category_id = category, save_path = "/srv/rss-filter", enabled = true }));
            var first = await RefreshAsync(feed);
            await WaitForTorrentsAsync(ubuntu, debian);
            var again = await RefreshAsync(feed);
            var counts = server.Counts("linux.xml");

            later = RandomHash();
            items.Insert(0, RssItem($"Ubuntu 24.10 {suffix}", "ubuntu-2", magnet: Magnet(later, "ubuntu-next")));
            server.PutFeed("linux.xml", Rss(items));
            var changed = await RefreshAsync(feed);
            var listed = (await Admin.GetFromJsonAsync<JsonArray>(Feeds))!.Single(f => (int)f!["id"]! == feed)!;
            var torrents = await WaitForTorrentsAsync(ubuntu, debian, later);
            var filters = await Admin.GetFromJsonAsync<JsonArray>($"{Feeds}/{feed}/filters");

            Assert.True(first["ok"]!.GetValue<bool>(), first.ToJsonString());
            Assert.True((bool)again["not_modified"]!, again.ToJsonString());
            Assert.Empty(again["added"]!.AsArray());
            Assert.True(counts.NotModified >= 1, $"304s: {counts.NotModified}");
            Assert.Equal([later], changed["added"]!.AsArray().Select(a => (string)a!));
            Assert.Equal(4, (int)changed["items"]!);
            Assert.Equal(server.ETagOf("linux.xml"), (string?)listed["etag"]);
            Assert.True((long)listed["last_polled"]! > 0);
            Assert.Equal(["id", "url", "name", "interval_min", "last_polled", "etag", "enabled"], listed.AsObject().Select(p => p.Key));
            Assert.Equal($$"""[{"id":{{filter}},"feed_id":{{feed}},"regex":"^(Ubuntu|Debian) ","category_id":{{category}},"save_path":"/srv/rss-filter","enabled":true}]""",
                filters!.ToJsonString());
            foreach (var hash in new[] { ubuntu, debian, later })
            {
                var added = torrents.Single(t => (string?)t!["id"] == hash)!;
                Assert.Equal((category, "/srv/rss-filter"), ((int?)added["category_id"], (string?)added["save_path"]));
            }
            Assert.Equal(30_000L, (long)torrents.Single(t => (string?)t!["id"] == debian)!["total_bytes"]!);
            Assert.DoesNotContain(torrents, t => (string?)t!["id"] == windows);
        }
        finally
        {
            await Admin.DeleteAsync($"{Feeds}/{feed}");
            foreach (var hash in new[] { ubuntu, debian, later })
            {
                await Admin.DeleteAsync($"/client/api/torrents/{hash}");
            }
            await Admin.DeleteAsync($"/client/api/categories/{category}");
        }
    }

    [Fact]
    public async Task An_atom_feed_with_an_empty_regex_adds_everything_into_the_category_s_folder_and_never_again_even_after_the_torrent_is_removed()
    {
        await using var server = await FakeFeedServer.StartAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var magnet = RandomHash();
        var torrent = TorrentFixtures.SingleFileV1($"atom-{suffix}.bin", 20_000, out var fromFile);
        var torrentUrl = server.PutFile($"atom-{suffix}.torrent", torrent);
        var url = server.PutFeed("releases.atom", Atom(
            AtomEntry($"Release one {suffix}", $"urn:uuid:{Guid.NewGuid()}", $"""<link rel="alternate" href="{Escape(Magnet(magnet, "one"))}"/>"""),
            AtomEntry($"Release two {suffix}", $"urn:uuid:{Guid.NewGuid()}", $"""<link rel="enclosure" type="application/x-bittorrent" href="{torrentUrl}"/>""")),
            "application/atom+xml");
        var category = await CreatedIdAsync(await Admin.PostAsJsonAsync("/client/api/categories", new { name = "atom-" + suffix, default_save_path = "/srv/atom-category" }));
        var feed = await CreatedIdAsync(await Admin.PostAsJsonAsync(Feeds, new { url = url.AbsoluteUri, name = "Atom" }));
        try
        {
            var filter = await CreatedIdAsync(await Admin.PostAsJsonAsync(Filters, new { feed_id = feed, regex = "", category_id = category }));
            await RefreshAsync(feed);
            var torrents = await WaitForTorrentsAsync(magnet, fromFile);
            await OkAsync(Admin.DeleteAsync($"/client/api/torrents/{magnet}"));
            // A filter change makes the next poll read the whole feed again, not a 304: the items are judged anew.
            await OkAsync(Admin.PutAsJsonAsync(Filters, new { id = filter, feed_id = feed, regex = "Release", category_id = category }));
            var rejudged = await RefreshAsync(feed);
            await OkAsync(Admin.DeleteAsync($"{Filters}/{filter}"));
            var afterRemoval = await RefreshAsync(feed);
            var remaining = await Admin.GetFromJsonAsync<JsonArray>("/client/api/torrents");

            foreach (var hash in new[] { magnet, fromFile })
            {
                var added = torrents.Single(t => (string?)t!["id"] == hash)!;
                Assert.Equal((category, "/srv/atom-category"), ((int?)added["category_id"], (string?)added["save_path"]));
            }
            Assert.Empty(rejudged["added"]!.AsArray());
            Assert.Empty(afterRemoval["added"]!.AsArray());
            Assert.DoesNotContain(remaining!, t => (string?)t!["id"] == magnet);
            Assert.Empty(await Admin.GetFromJsonAsync<JsonArray>($"{Feeds}/{feed}/filters") ?? []);
        }
        finally
        {
            await Admin.DeleteAsync($"{Feeds}/{feed}");
            await Admin.DeleteAsync($"/client/api/torrents/{magnet}");
            await Admin.DeleteAsync($"/client/api/torrents/{fromFile}");
            await Admin.DeleteAsync($"/client/api/categories/{category}");
        }
    }

    [Fact]
    public async Task A_failed_poll_records_its_error_keeps_state_and_an_enclosure_that_failed_is_retried_until_added()
    {
        await using var server = await FakeFeedServer.StartAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var good = RandomHash();
        var torrent = TorrentFixtures.SingleFileV1($"late-{suffix}.bin", 10_000, out var late);
        var lateUrl = new Uri(server.BaseAddress, $"/files/late-{suffix}.torrent");
        var url = new Uri(server.BaseAddress, "/feeds/later.xml");
        var feed = await CreatedIdAsync(await Admin.PostAsJsonAsync(Feeds, new { url = url.AbsoluteUri, name = "Later" }));
        try
        {
            var missing = await RefreshAsync(feed);
            var failedFeed = (await Admin.GetFromJsonAsync<JsonArray>(Feeds))!.Single(f => (int)f!["id"]! == feed)!;

            server.PutFeed("later.xml", Rss([
                RssItem($"Good {suffix}", "good", magnet: Magnet(good, "good")),
                RssItem($"Late {suffix}", "late", enclosure: lateUrl.AbsoluteUri)]));
            await CreatedIdAsync(await Admin.PostAsJsonAsync(Filters, new { feed_id = feed, regex = suffix }));
            var partly = await RefreshAsync(feed);
            await WaitForTorrentsAsync(good);
            server.PutFile($"late-{suffix}.torrent", torrent);
            var retried = await RefreshAsync(feed);
            var healed = (await Admin.GetFromJsonAsync<JsonArray>(Feeds))!.Single(f => (int)f!["id"]! == feed)!;
            await WaitForTorrentsAsync(good, late);

            Assert.False((bool)missing["ok"]!);
            Assert.Contains("404", (string?)missing["error"]);
            Assert.Contains("404", (string?)failedFeed["error"]);
            Assert.True((long)failedFeed["last_polled"]! > 0);
            Assert.Contains($"Late {suffix}", (string?)partly["error"]);
            Assert.DoesNotContain(late, partly["added"]!.AsArray().Select(a => (string?)a));
            Assert.Equal([late], retried["added"]!.AsArray().Select(a => (string?)a));
            Assert.True((bool)retried["ok"]!, retried.ToJsonString());
            Assert.Null(healed["error"]);
        }
        finally
        {
            await Admin.DeleteAsync($"{Feeds}/{feed}");
            await Admin.DeleteAsync($"/client/api/torrents/{good}");
            await Admin.DeleteAsync($"/client/api/torrents/{late}");
        }
    }

    [Fact]
    public async Task A_feed_is_created_listed_replaced_and_deleted_with_its_filters()
    {
        var feed = await CreatedIdAsync(await Admin.PostAsJsonAsync(Feeds, new { id = 424242, url = "https://feeds.example.com/rss", name = "Example", interval_min = 30, enabled = false, last_polled = 5, etag = "x" }));
        var filter = await CreatedIdAsync(await Admin.PostAsJsonAsync(Filters, new { feed_id = feed, regex = "(?i)linux", enabled = false }));
        var listed = (await Admin.GetFromJsonAsync<JsonArray>(Feeds))!.Single(f => (int)f!["id"]! == feed)!;
        await OkAsync(Admin.PutAsJsonAsync(Feeds, new { id = feed, url = "https://feeds.example.com/other", name = "Other", interval_min = 0, enabled = false }));
        await OkAsync(Admin.PutAsJsonAsync(Filters, new { id = filter, feed_id = feed, regex = "bsd", save_path = "/srv/bsd", enabled = true }));
        var relisted = (await Admin.GetFromJsonAsync<JsonArray>(Feeds))!.Single(f => (int)f!["id"]! == feed)!;
        var filters = await Admin.GetFromJsonAsync<JsonArray>($"{Feeds}/{feed}/filters");
        await OkAsync(Admin.DeleteAsync($"{Feeds}/{feed}"));

        Assert.NotEqual(424242, feed);
        Assert.Equal($$"""{"id":{{feed}},"url":"https://feeds.example.com/rss","name":"Example","interval_min":30,"last_polled":0,"etag":"","enabled":false}""", listed.ToJsonString());
        Assert.Equal($$"""{"id":{{feed}},"url":"https://feeds.example.com/other","name":"Other","interval_min":0,"last_polled":0,"etag":"","enabled":false}""", relisted.ToJsonString());
        Assert.Equal($$"""[{"id":{{filter}},"feed_id":{{feed}},"regex":"bsd","category_id":null,"save_path":"/srv/bsd","enabled":true}]""", filters!.ToJsonString());
        Assert.DoesNotContain(await Admin.GetFromJsonAsync<JsonArray>(Feeds) ?? [], f => (int)f!["id"]! == feed);
        await ErrorAsync(await Admin.GetAsync($"{Feeds}/{feed}/filters"), HttpStatusCode.NotFound, $"no feed {feed}");
        await ErrorAsync(await Admin.PutAsJsonAsync(Filters, new { id = filter, feed_id = feed }), HttpStatusCode.NotFound, $"no filter {filter}");
    }

    [Theory]
    [InlineData("""{"url":"http://169.254.169.254/latest/meta-data/"}""", "private, loopback or link-local")]
    [InlineData("""{"url":"http://10.1.2.3/feed"}""", "private, loopback or link-local")]
    [InlineData("""{"url":"file:///etc/passwd"}""", "absolute http or https URL")]
    [InlineData("""{"url":"gopher://example.com/"}""", "absolute http or https URL")]
    [InlineData("""{"url":"https://user:secret@example.com/rss"}""", "user name or password")]
    [InlineData("""{"url":"not a url"}""", "absolute http or https URL")]
    [InlineData("""{"name":"no url"}""", "url is required")]
    [InlineData("""{"url":42}""", "url must be a string")]
    [InlineData("""{"url":"https://example.com/rss","interval_min":"ten"}""", "interval_min must be an integer")]
    [InlineData("""{"url":"https://example.com/rss","interval_min":1.5}""", "interval_min must be an integer")]
    [InlineData("""{"url":"https://example.com/rss","interval_min":-1}""", "interval_min must be 0")]
    [InlineData("""{"url":"https://example.com/rss","interval_min":10081}""", "interval_min must be 0")]
    [InlineData("""{"url":"https://example.com/rss","enabled":"yes"}""", "enabled must be true or false")]
    [InlineData("""[1,2]""", "request body must be a JSON object")]
    public async Task Bad_feeds_are_400s_on_create_and_replace_and_nothing_is_kept(string body, string says)
    {
        var before = (await Admin.GetFromJsonAsync<JsonArray>(Feeds))!.ToJsonString();

        var created = await Admin.PostAsync(Feeds, Json(body));
        var replaced = await Admin.PutAsync(Feeds, Json(body.StartsWith('{') ? body.Replace("{", "{\"id\":1,", StringComparison.Ordinal) : body));

        await ErrorAsync(created, HttpStatusCode.BadRequest, says);
        await ErrorAsync(replaced, HttpStatusCode.BadRequest, says);
        Assert.Equal(before, (await Admin.GetFromJsonAsync<JsonArray>(Feeds))!.ToJsonString());
    }

    [Fact]
    public async Task Unknown_ids_bad_filters_and_refused_redirects_are_clear_errors()
    {
        await using var server = await FakeFeedServer.StartAsync();
        var feed = await CreatedIdAsync(await Admin.PostAsJsonAsync(Feeds, new { url = new Uri(server.BaseAddress, "/redirect").AbsoluteUri, name = "Redirects" }));
        try
        {
            await ErrorAsync(await Admin.PutAsJsonAsync(Feeds, new { id = 999_999, url = "https://example.com/rss" }), HttpStatusCode.NotFound, "no feed 999999");
            await ErrorAsync(await Admin.PutAsJsonAsync(Feeds, new { url = "https://example.com/rss" }), HttpStatusCode.BadRequest, "id is required");
            await ErrorAsync(await Admin.DeleteAsync($"{Feeds}/999999"), HttpStatusCode.NotFound, "no feed 999999");
            await ErrorAsync(await Admin.DeleteAsync($"{Feeds}/abc"), HttpStatusCode.BadRequest, "positive integer");
            await ErrorAsync(await Admin.DeleteAsync($"{Feeds}/-3"), HttpStatusCode.BadRequest, "positive integer");
            await ErrorAsync(await Admin.GetAsync($"{Feeds}/999999/filters"), HttpStatusCode.NotFound, "no feed 999999");
            await ErrorAsync(await Admin.GetAsync($"{Feeds}/x/filters"), HttpStatusCode.BadRequest, "positive integer");
            await ErrorAsync(await Admin.PostAsync($"{Feeds}/999999/refresh", null), HttpStatusCode.NotFound, "no feed 999999");
            await ErrorAsync(await Admin.PostAsJsonAsync(Filters, new { feed_id = 999_999 }), HttpStatusCode.NotFound, "no feed 999999");
            await ErrorAsync(await Admin.PostAsJsonAsync(Filters, new { feed_id = feed, category_id = 999_999 }), HttpStatusCode.NotFound, "category not found");
            await ErrorAsync(await Admin.PostAsJsonAsync(Filters, new { feed_id = feed, regex = "(unclosed" }), HttpStatusCode.BadRequest, "regex is not a valid regular expression");
            await ErrorAsync(await Admin.PostAsJsonAsync(Filters, new { feed_id = feed, regex = new string('a', 1025) }), HttpStatusCode.BadRequest, "at most 1024");
            await ErrorAsync(await Admin.PostAsJsonAsync(Filters, new { feed_id = feed, save_path = "relative/dir" }), HttpStatusCode.BadRequest, "absolute path");
            await ErrorAsync(await Admin.PostAsync(Filters, Json("""{"feed_id":"one"}""")), HttpStatusCode.BadRequest, "feed_id must be an integer");
            await ErrorAsync(await Admin.PostAsync(Filters, Json($$"""{"feed_id":{{feed}},"regex":7}""")), HttpStatusCode.BadRequest, "regex must be a string");
            await ErrorAsync(await Admin.PostAsync(Filters, Json($$"""{"feed_id":{{feed}},"category_id":0}""")), HttpStatusCode.BadRequest, "category_id must be a positive integer");
            await ErrorAsync(await Admin.PostAsync(Filters, Json("""{"regex":"x"}""")), HttpStatusCode.BadRequest, "feed_id is required");
            await ErrorAsync(await Admin.PutAsJsonAsync(Filters, new { id = 999_999, feed_id = feed }), HttpStatusCode.NotFound, "no filter 999999");
            await ErrorAsync(await Admin.DeleteAsync($"{Filters}/999999"), HttpStatusCode.NotFound, "no filter 999999");
            Assert.Empty(await Admin.GetFromJsonAsync<JsonArray>($"{Feeds}/{feed}/filters") ?? []);

            var refused = await RefreshAsync(feed);
            var listed = (await Admin.GetFromJsonAsync<JsonArray>(Feeds))!.Single(f => (int)f!["id"]! == feed)!;

            Assert.False((bool)refused["ok"]!);
            Assert.Contains("redirected to a refused URL", (string?)refused["error"]);
            Assert.Contains("redirected to a refused URL", (string?)listed["error"]);
            Assert.True((long)listed["last_polled"]! > 0);
        }
        finally
        {
            await Admin.DeleteAsync($"{Feeds}/{feed}");
        }
    }

    [Fact]
    public async Task Viewers_read_feeds_and_filters_but_only_operators_change_them_and_strangers_get_401()
    {
        var feed = await CreatedIdAsync(await Admin.PostAsJsonAsync(Feeds, new { url = "https://feeds.example.com/roles", enabled = false }));
        try
        {
            var (_, email) = await Users.CreateAsync(Admin, "viewer");
            var token = (string)(await Users.LoginAsync(fixture.Anonymous(), email))["access_token"]!;
            using var viewer = fixture.Anonymous();
            viewer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var stranger = fixture.Anonymous();

            foreach (var path in new[] { Feeds, $"{Feeds}/{feed}/filters" })
            {
                Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync(path)).StatusCode);
                Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync(path)).StatusCode);
            }
            Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync(Feeds, new { url = "https://feeds.example.com/x" })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsJsonAsync(Feeds, new { id = feed, url = "https://feeds.example.com/x" })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync($"{Feeds}/{feed}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"{Feeds}/{feed}/refresh", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync(Filters, new { feed_id = feed })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsJsonAsync(Filters, new { id = 1, feed_id = feed })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync($"{Filters}/1")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsJsonAsync(Feeds, new { url = "https://feeds.example.com/x" })).StatusCode);
            await ErrorAsync(await Admin.PostAsync($"{Feeds}/{feed}/refresh", null), HttpStatusCode.Conflict, "disabled");
        }
        finally
        {
            await Admin.DeleteAsync($"{Feeds}/{feed}");
        }
    }

    private async Task<JsonObject> RefreshAsync(int feed)
    {
        var response = await Admin.PostAsync($"{Feeds}/{feed}/refresh", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"refresh: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>The torrent list once it holds every one of <paramref name="hashes"/> (the list follows the realtime feed).</summary>
    private async Task<JsonArray> WaitForTorrentsAsync(params string?[] hashes)
    {
        JsonArray torrents = [];
        var found = await Http.EventuallyAsync(async () =>
        {
            torrents = (await Admin.GetFromJsonAsync<JsonArray>("/client/api/torrents"))!;
            return hashes.All(h => torrents.Any(t => (string?)t!["id"] == h));
        }, Patience);
        Assert.True(found, $"torrents {string.Join(", ", hashes)} not listed: {torrents.ToJsonString()}");
        return torrents;
    }

    private static string RandomHash() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    private static string Magnet(string hash, string name) => $"magnet:?xt=urn:btih:{hash}&dn={name}";

    private static string Escape(string text) => System.Security.SecurityElement.Escape(text);

    private static string RssItem(string title, string guid, string? magnet = null, string? enclosure = null) =>
        $"""
        <item>
          <title>{Escape(title)}</title>
          <guid isPermaLink="false">{guid}-{Guid.NewGuid():N}</guid>
          {(magnet is null ? "" : $"<link>{Escape(magnet)}</link>")}
          {(enclosure is null ? "" : $"""<enclosure url="{Escape(enclosure)}" length="1000" type="application/x-bittorrent"/>""")}
          <pubDate>Sat, 28 Nov 2026 10:00:00 +0000</pubDate>
        </item>
        """;

    private static string Rss(IEnumerable<string> items) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Test</title><link>http://example.com/</link><description>Test feed</description>
        {string.Join("\n", items)}
        </channel></rss>
        """;

    private static string AtomEntry(string title, string id, string links) =>
        $"""
        <entry><title>{Escape(title)}</title><id>{id}</id><updated>2026-11-28T10:00:00Z</updated>{links}</entry>
        """;

    private static string Atom(params string[] entries) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Releases</title><id>urn:uuid:6f1f0a44-0000-4000-8000-000000000000</id>
        <updated>2026-11-28T10:00:00Z</updated>
        {string.Join("\n", entries)}
        </feed>
        """;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.True((bool)(await response.Content.ReadFromJsonAsync<JsonObject>())!["ok"]!);
    }

    private static async Task<int> CreatedIdAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return (int)JsonNode.Parse(body)!["id"]!;
    }

    private static async Task ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string says)
    {
        var body = await response.Content.ReadAsStringAsync();
        var where = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}";
        Assert.True(response.StatusCode == status, $"{where}: {(int)response.StatusCode} {body}");
        Assert.Contains(says, (string?)JsonNode.Parse(body)!["error"], StringComparison.OrdinalIgnoreCase);
    }
}
