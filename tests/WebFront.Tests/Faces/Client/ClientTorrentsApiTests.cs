using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Swarmgrid.WebFront.Tests;

/// <summary>
/// The client face's torrent, stats, inspector, category and tag routes without peers: what each answers, who may call
/// it, and bad input on every route (wrong types, unknown ids, negative numbers, huge bodies, malformed magnets and
/// torrents) answered with a clear JSON error and nothing half-applied.
/// </summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class ClientTorrentsApiTests(EmbeddedSiloFixture fixture)
{
    private const string Unknown = "0123456789abcdef0123456789abcdef01234567";

    private HttpClient Admin => fixture.Client;

    [Fact]
    public async Task Categories_tags_queue_and_force_start_show_in_the_list_and_deleting_a_category_or_tag_takes_it_off()
    {
        var id = await AddPausedAsync("catalog.bin", 40_000);
        try
        {
            var category = await CreatedIdAsync(await Admin.PostAsJsonAsync("/client/api/categories",
                new { name = "Linux " + Guid.NewGuid().ToString("N")[..6], default_save_path = "/srv/linux", color = "#7c3aed" }));
            var tag = await CreatedIdAsync(await Admin.PostAsJsonAsync("/client/api/tags", new { name = "iso-" + Guid.NewGuid().ToString("N")[..6], color = "#67e8f9" }));
            var other = await CreatedIdAsync(await Admin.PostAsJsonAsync("/client/api/tags", new { name = "big-" + Guid.NewGuid().ToString("N")[..6] }));

            await OkAsync(Admin.PostAsJsonAsync("/client/api/torrents/category", new { infohash = id, category_id = category }));
            await OkAsync(Admin.PostAsJsonAsync("/client/api/tags/assign", new { infohash = id, tag_id = tag }));
            await OkAsync(Admin.PostAsJsonAsync("/client/api/tags/assign", new { infohash = id.ToUpperInvariant(), tag_id = other }));
            await OkAsync(Admin.PostAsJsonAsync("/client/api/tags/assign", new { infohash = id, tag_id = other }));
            await OkAsync(Admin.PostAsJsonAsync("/client/api/torrents/force_start", new { infohash = id, force = true }));
            await OkAsync(Admin.PostAsJsonAsync("/client/api/torrents/queue_position", new { infohash = id, pos = 0 }));
            var filed = await TorrentAsync(id);
            await OkAsync(Admin.PostAsJsonAsync("/client/api/tags/unassign", new { infohash = id, tag_id = other }));
            await OkAsync(Admin.PutAsJsonAsync("/client/api/categories", new { id = category, name = "Renamed " + category, default_save_path = "", color = "" }));
            var categories = await Admin.GetFromJsonAsync<JsonArray>("/client/api/categories");
            await OkAsync(Admin.DeleteAsync($"/client/api/tags/{tag}"));
            await OkAsync(Admin.DeleteAsync($"/client/api/categories/{category}"));
            var cleared = await TorrentAsync(id);
            await OkAsync(Admin.DeleteAsync($"/client/api/tags/{other}"));

            Assert.Equal(category, (int?)filed["category_id"]);
            Assert.Equal([tag, other], filed["tags"]!.AsArray().Select(t => (int)t!["id"]!));
            Assert.Equal("#67e8f9", (string?)filed["tags"]![0]!["color"]);
            Assert.Equal((0, true, false), ((int)filed["queue_position"]!, (bool)filed["force_start"]!, (bool)filed["queued"]!));
            Assert.Equal(["id", "name", "default_save_path", "color"], categories!.Single(c => (int)c!["id"]! == category)!.AsObject().Select(p => p.Key));
            Assert.Equal("Renamed " + category, (string?)categories!.Single(c => (int)c!["id"]! == category)!["name"]);
            Assert.Null((int?)cleared["category_id"]);
            Assert.Empty(cleared["tags"]!.AsArray());
        }
        finally
        {
            await Admin.DeleteAsync($"/client/api/torrents/{id}");
        }
    }

    [Fact]
    public async Task Stats_count_as_the_seed_defines_them_and_a_duplicate_add_answers_its_id()
    {
        var bytes = TorrentFixtures.SingleFileV1("stats.bin", 30_000, out var id);
        var first = await UploadAsync(bytes, "stats.torrent");
        var again = await UploadAsync(bytes, "stats.torrent");
        try
        {
            await OkAsync(Admin.PostAsync($"/client/api/torrents/{id}/pause", null));
            var stats = await Admin.GetFromJsonAsync<JsonObject>("/client/api/stats");
            var list = await Admin.GetFromJsonAsync<JsonArray>("/client/api/torrents");

            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
            Assert.Equal(id, (string?)(await again.Content.ReadFromJsonAsync<JsonObject>())!["id"]);
            Assert.Equal(["total_torrents", "active_torrents", "seeding_torrents", "total_download_rate", "total_upload_rate", "total_peers"],
                stats!.Select(p => p.Key));
            Assert.Equal(list!.Count, (int)stats!["total_torrents"]!);
            Assert.Equal(list.Count(t => !(bool)t!["paused"]! && !(bool)t["completed"]!), (int)stats["active_torrents"]!);
            Assert.Equal(list.Count(t => (bool)t!["completed"]!), (int)stats["seeding_torrents"]!);
            Assert.Equal(list.Select(t => (long)t!["added_at"]!).OrderDescending(), list.Select(t => (long)t!["added_at"]!));
        }
        finally
        {
            await Admin.DeleteAsync($"/client/api/torrents/{id}");
        }
    }

    [Fact]
    public async Task Unknown_torrents_are_404_and_malformed_ids_400_on_every_torrent_route()
    {
        var unknownCalls = new Func<Task<HttpResponseMessage>>[]
        {
            () => Admin.PostAsync($"/client/api/torrents/{Unknown}/pause", null),
            () => Admin.PostAsync($"/client/api/torrents/{Unknown}/resume", null),
            () => Admin.PostAsync($"/client/api/torrents/{Unknown}/recheck", null),
            () => Admin.DeleteAsync($"/client/api/torrents/{Unknown}?delete=1"),
            () => Admin.PostAsJsonAsync("/client/api/torrents/category", new { infohash = Unknown, category_id = (int?)null }),
            () => Admin.PostAsJsonAsync("/client/api/torrents/file_priorities", new { infohash = Unknown, priorities = new Dictionary<string, string> { ["0"] = "skip" } }),
            () => Admin.PostAsJsonAsync("/client/api/torrents/queue_position", new { infohash = Unknown, pos = 0 }),
            () => Admin.PostAsJsonAsync("/client/api/torrents/force_start", new { infohash = Unknown, force = true }),
            () => Admin.PostAsJsonAsync("/client/api/inspector/focus", new { id = Unknown, tabs = new[] { "files" } }),
        };
        var malformed = new[] { "xyz", Unknown[..39], new string('g', 40), Unknown + "0" };

        foreach (var call in unknownCalls)
        {
            await ErrorAsync(await call(), HttpStatusCode.NotFound, "torrent not found");
        }
        foreach (var id in malformed)
        {
            await ErrorAsync(await Admin.PostAsync($"/client/api/torrents/{id}/pause", null), HttpStatusCode.BadRequest, "info-hash");
            await ErrorAsync(await Admin.DeleteAsync($"/client/api/torrents/{id}"), HttpStatusCode.BadRequest, "info-hash");
            await ErrorAsync(await Admin.PostAsJsonAsync("/client/api/torrents/force_start", new { infohash = id, force = true }), HttpStatusCode.BadRequest, "info-hash");
        }
    }

    [Fact]
    public async Task Wrong_types_missing_fields_and_negative_numbers_are_refused_with_their_reason_and_change_nothing()
    {
        var id = await AddPausedAsync("refusals.bin", 50_000);
        try
        {
            var before = await TorrentAsync(id);
            var cases = new (string Path, string Body, string Says)[]
            {
                ("/client/api/torrents/category", $$"""{"infohash":"{{id}}","category_id":"seven"}""", "category_id must be an integer"),
                ("/client/api/torrents/category", $$"""{"infohash":"{{id}}","category_id":-3}""", "category_id"),
                ("/client/api/torrents/category", $$"""{"infohash":"{{id}}","category_id":999999}""", "category not found"),
                ("/client/api/torrents/file_priorities", $$"""{"infohash":"{{id}}","priorities":["skip"]}""", "not valid JSON"),
                ("/client/api/torrents/file_priorities", $$$"""{"infohash":"{{{id}}}","priorities":{"0":"skip","x":"max"}}""", "'x'"),
                ("/client/api/torrents/file_priorities", $$$"""{"infohash":"{{{id}}}","priorities":{"0":"skip","-1":"max"}}""", "'-1'"),
                ("/client/api/torrents/file_priorities", $$$"""{"infohash":"{{{id}}}","priorities":{"0":"skip","7":"max"}}""", "file index 7"),
                ("/client/api/torrents/file_priorities", $$$"""{"infohash":"{{{id}}}","priorities":{"0":3}}""", "not valid JSON"),
                ("/client/api/torrents/file_priorities", $$"""{"infohash":"{{id}}"}""", "priorities is required"),
                ("/client/api/torrents/queue_position", $$"""{"infohash":"{{id}}","pos":-1}""", "pos must be 0 or more"),
                ("/client/api/torrents/queue_position", $$"""{"infohash":"{{id}}","pos":"first"}""", "pos must be an integer"),
                ("/client/api/torrents/queue_position", $$"""{"infohash":"{{id}}","pos":1.5}""", "pos must be an integer"),
                ("/client/api/torrents/queue_position", $$"""{"infohash":"{{id}}"}""", "pos is required"),
                ("/client/api/torrents/force_start", $$"""{"infohash":"{{id}}","force":"yes"}""", "force must be true or false"),
                ("/client/api/torrents/force_start", $$"""{"infohash":"{{id}}"}""", "force is required"),
                ("/client/api/torrents/force_start", """{"force":true}""", "infohash is required"),
                ("/client/api/tags/assign", $$"""{"infohash":"{{id}}","tag_id":0}""", "tag_id"),
                ("/client/api/tags/assign", $$"""{"infohash":"{{id}}","tag_id":999999}""", "tag not found"),
                ("/client/api/tags/unassign", $$"""{"infohash":"{{id}}"}""", "tag_id is required"),
                ("/client/api/inspector/focus", $$"""{"id":"{{id}}","tabs":["files","bogus"]}""", "unknown tab 'bogus'"),
                ("/client/api/inspector/focus", """{"id":42}""", "id must be a string"),
                ("/client/api/torrents/magnet", """{"magnet":"magnet:?xt=urn:btih:nothex"}""", "invalid magnet link"),
                ("/client/api/torrents/magnet", """{"magnet":"http://example.com/file.torrent"}""", "invalid magnet link"),
                ("/client/api/torrents/magnet", """{"magnet":""}""", "magnet is required"),
                ("/client/api/torrents/magnet", """{"magnet":["x"]}""", "magnet must be a string"),
                ("/client/api/torrents/magnet", $$"""{"magnet":"magnet:?xt=urn:btih:{{Unknown}}","save_path":"relative/dir"}""", "absolute path"),
                ("/client/api/torrents/magnet", """{"magnet": """, "not valid JSON"),
                ("/client/api/categories", """{"name":"  "}""", "name is required"),
                ("/client/api/categories", $$"""{"name":"{{new string('n', 129)}}"}""", "128 characters"),
                ("/client/api/categories", """{"name":"x","default_save_path":"not/absolute"}""", "default_save_path must be an absolute path"),
                ("/client/api/tags", """{"name":"t","color":7}""", "color must be a string"),
            };

            foreach (var (path, body, says) in cases)
            {
                await ErrorAsync(await Admin.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest,
                    says, HttpStatusCode.NotFound);
            }
            await ErrorAsync(await Admin.PostAsync("/client/api/torrents/magnet", new StringContent("magnet=x", Encoding.UTF8, "text/plain")),
                HttpStatusCode.UnsupportedMediaType, "application/json");
            await ErrorAsync(await Admin.DeleteAsync($"/client/api/torrents/{id}?delete=maybe"), HttpStatusCode.BadRequest, "delete must be 1 or 0");
            var after = await TorrentAsync(id);

            Assert.Equal(before.ToJsonString(), after.ToJsonString());
            Assert.Equal(50_000L, (long)after["total_bytes"]!);
        }
        finally
        {
            await Admin.DeleteAsync($"/client/api/torrents/{id}");
        }
    }

    [Fact]
    public async Task File_priorities_change_what_the_engine_wants_and_unknown_names_count_as_normal()
    {
        var id = await AddPausedAsync("priorities.bin", 20_000);
        try
        {
            await OkAsync(Admin.PostAsJsonAsync("/client/api/torrents/file_priorities", new { infohash = id, priorities = new Dictionary<string, string> { ["0"] = "skip" } }));
            var skipped = await TorrentAsync(id);
            await OkAsync(Admin.PostAsJsonAsync("/client/api/torrents/file_priorities", new { infohash = id, priorities = new Dictionary<string, string> { ["0"] = "urgent" } }));
            var normal = await TorrentAsync(id);

            Assert.Equal(0L, (long)skipped["total_bytes"]!);
            Assert.Equal(20_000L, (long)normal["total_bytes"]!);
        }
        finally
        {
            await Admin.DeleteAsync($"/client/api/torrents/{id}");
        }
    }

    [Fact]
    public async Task Uploads_are_multipart_capped_at_ten_mebibytes_and_must_hold_a_torrent()
    {
        using var notMultipart = new StringContent("d4:infode", Encoding.UTF8, "application/x-bittorrent");
        using var noFile = new MultipartFormDataContent { { new StringContent("/tmp"), "save_path" } };
        using var garbage = new MultipartFormDataContent { { new ByteArrayContent("this is not bencode"u8.ToArray()), "file", "x.torrent" } };
        using var huge = new MultipartFormDataContent { { new ByteArrayContent(new byte[(10 << 20) + 1]), "file", "huge.torrent" } };
        using var relative = new MultipartFormDataContent
        {
            { new ByteArrayContent(TorrentFixtures.SingleFileV1("rel.bin", 1000, out _)), "file", "rel.torrent" },
            { new StringContent("downloads/here"), "save_path" },
        };

        await ErrorAsync(await Admin.PostAsync("/client/api/torrents/file", notMultipart), HttpStatusCode.UnsupportedMediaType, "multipart/form-data");
        await ErrorAsync(await Admin.PostAsync("/client/api/torrents/file", noFile), HttpStatusCode.BadRequest, "file is required");
        await ErrorAsync(await Admin.PostAsync("/client/api/torrents/file", garbage), HttpStatusCode.BadRequest, "not a valid .torrent");
        await ErrorAsync(await Admin.PostAsync("/client/api/torrents/file", huge), HttpStatusCode.RequestEntityTooLarge, "exceeds");
        await ErrorAsync(await Admin.PostAsync("/client/api/torrents/file", relative), HttpStatusCode.BadRequest, "absolute path");
        await ErrorAsync(await Admin.PostAsync("/client/api/torrents/magnet", new StringContent($$"""{"magnet":"{{new string('a', 70 << 10)}}"}""",
            Encoding.UTF8, "application/json")), HttpStatusCode.RequestEntityTooLarge, "exceeds");
    }

    [Fact]
    public async Task Category_and_tag_writes_answer_conflicts_and_unknown_ids()
    {
        var name = "dup-" + Guid.NewGuid().ToString("N")[..8];
        var id = await CreatedIdAsync(await Admin.PostAsJsonAsync("/client/api/categories", new { name }));
        var tag = await CreatedIdAsync(await Admin.PostAsJsonAsync("/client/api/tags", new { name }));
        try
        {
            await ErrorAsync(await Admin.PostAsJsonAsync("/client/api/categories", new { name = name.ToUpperInvariant() }), HttpStatusCode.Conflict, "exists");
            await ErrorAsync(await Admin.PostAsJsonAsync("/client/api/tags", new { name }), HttpStatusCode.Conflict, "exists");
            await ErrorAsync(await Admin.PutAsJsonAsync("/client/api/categories", new { id = 999_999, name = "x" }), HttpStatusCode.NotFound, "category not found");
            await ErrorAsync(await Admin.PutAsJsonAsync("/client/api/categories", new { name = "x" }), HttpStatusCode.BadRequest, "id is required");
            await ErrorAsync(await Admin.DeleteAsync("/client/api/categories/abc"), HttpStatusCode.BadRequest, "positive number");
            await ErrorAsync(await Admin.DeleteAsync("/client/api/categories/-4"), HttpStatusCode.BadRequest, "positive number");
            await ErrorAsync(await Admin.DeleteAsync("/client/api/categories/999999"), HttpStatusCode.NotFound, "category not found");
            await ErrorAsync(await Admin.DeleteAsync("/client/api/tags/999999"), HttpStatusCode.NotFound, "tag not found");
        }
        finally
        {
            await Admin.DeleteAsync($"/client/api/categories/{id}");
            await Admin.DeleteAsync($"/client/api/tags/{tag}");
        }
    }

    [Fact]
    public async Task Viewers_read_and_inspect_but_only_operators_change_and_strangers_get_401()
    {
        var (_, email) = await Users.CreateAsync(Admin, "viewer");
        var token = (string)(await Users.LoginAsync(fixture.Anonymous(), email))["access_token"]!;
        using var viewer = fixture.Anonymous();
        viewer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var stranger = fixture.Anonymous();

        foreach (var path in new[] { "/client/api/torrents", "/client/api/stats", "/client/api/categories", "/client/api/tags" })
        {
            Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync(path)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await viewer.PostAsync("/client/api/inspector/clear", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/client/api/torrents/magnet", new { magnet = $"magnet:?xt=urn:btih:{Unknown}" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/client/api/tags", new { name = "nope" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync($"/client/api/torrents/{Unknown}")).StatusCode);
    }

    [Fact]
    public async Task The_socket_takes_a_key_in_the_query_pins_origin_to_host_and_turns_strangers_away()
    {
        var (_, email) = await Users.CreateAsync(Admin, "admin");
        using var browser = fixture.Anonymous(cookies: true);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsJsonAsync("/client/api/login", new { username = email, password = Users.Password })).StatusCode);
        var key = (string)(await (await browser.PostAsync("/client/api/settings/web/api_key/rotate", null)).Content.ReadFromJsonAsync<JsonObject>())!["api_key"]!;
        var ws = new UriBuilder(fixture.BaseAddress) { Scheme = "ws", Path = "/client/api/ws" };

        await using (var socket = await FrameSocket.ConnectAsync(new UriBuilder(ws.Uri) { Query = "key=" + key }.Uri))
        {
            var torrents = await socket.WaitForAsync(f => (string?)f["type"] == "torrents:tick", TimeSpan.FromSeconds(10), "torrents:tick");
            var stats = await socket.WaitForAsync(f => (string?)f["type"] == "stats:tick", TimeSpan.FromSeconds(10), "stats:tick");
            Assert.Equal(["type", "ts", "data"], torrents.AsObject().Select(p => p.Key));
            Assert.IsType<JsonArray>(torrents["data"]);
            Assert.InRange((long)stats["ts"]!, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds());
        }
        await Assert.ThrowsAsync<WebSocketException>(() => FrameSocket.ConnectAsync(new UriBuilder(ws.Uri) { Query = "key=" + key }.Uri, origin: "https://evil.example"));
        await Assert.ThrowsAsync<WebSocketException>(() => FrameSocket.ConnectAsync(ws.Uri));
        await Assert.ThrowsAsync<WebSocketException>(() => FrameSocket.ConnectAsync(new UriBuilder(ws.Uri) { Query = "key=not-a-key" }.Uri));
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous().GetAsync("/client/api/ws")).StatusCode);
    }

    /// <summary>Uploads a small torrent nobody seeds and pauses it, so it holds no download slot; its info-hash.</summary>
    private async Task<string> AddPausedAsync(string name, int length)
    {
        var response = await UploadAsync(TorrentFixtures.SingleFileV1(name, length, out var id), name + ".torrent");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await OkAsync(Admin.PostAsync($"/client/api/torrents/{id}/pause", null));
        return id;
    }

    private async Task<HttpResponseMessage> UploadAsync(byte[] torrent, string fileName)
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(torrent), "file", fileName },
            { new StringContent(Path.Combine(Path.GetTempPath(), "swarmgrid-client-api", Guid.NewGuid().ToString("N"))), "save_path" },
        };
        return await Admin.PostAsync("/client/api/torrents/file", form);
    }

    private async Task<JsonNode> TorrentAsync(string id) =>
        (await Admin.GetFromJsonAsync<JsonArray>("/client/api/torrents"))!.Single(t => (string?)t!["id"] == id)!;

    private static async Task OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.True((bool)(await response.Content.ReadFromJsonAsync<JsonObject>())!["ok"]!);
    }

    private static async Task<int> CreatedIdAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (int)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    /// <summary>A JSON error of <paramref name="status"/> (or <paramref name="alternative"/>) whose <c>error</c> mentions <paramref name="says"/>.</summary>
    private static async Task ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string says, HttpStatusCode? alternative = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        var where = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}";
        Assert.True(response.StatusCode == status || response.StatusCode == alternative, $"{where}: {(int)response.StatusCode} {body}");
        Assert.Contains(says, (string?)JsonNode.Parse(body)!["error"], StringComparison.OrdinalIgnoreCase);
    }
}
