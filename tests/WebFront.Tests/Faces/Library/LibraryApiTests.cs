using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;

namespace Swarmgrid.WebFront.Tests;

/// <summary>The library face's torrents, evidence, wants and notifications over HTTP and the dashboard hub.</summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class LibraryApiTests(EmbeddedSiloFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private HttpClient Admin => fixture.Client;

    [Fact]
    public async Task A_registry_upload_becomes_a_searchable_library_item_with_files_registry_evidence_and_a_magnet()
    {
        var word = UniqueWord();
        var torrent = TorrentFixtures.SingleFileV1($"Some.{word}.Movie.2026.1080p.WEB-DL.x264-GRP.mkv", 40_000, out var infoHash);

        await UploadAsync(torrent);
        var found = await EventuallyAsync(async () =>
            (await Admin.GetFromJsonAsync<JsonObject>($"/api/torrents?q={word}+movie&content_type=movie"))!["items"]!.AsArray().SingleOrDefault());
        var detail = (await Admin.GetFromJsonAsync<JsonObject>($"/api/torrents/{infoHash.ToUpperInvariant()}"))!;
        var evidence = (await Admin.GetFromJsonAsync<JsonObject>("/api/evidence?limit=500"))!["items"]!.AsArray();

        Assert.Equal(["info_hash", "title", "content_type", "size_bytes", "created_at"], found!.AsObject().Select(p => p.Key));
        Assert.Equal((infoHash, $"Some {word} Movie (2026)", "movie", 40_000L),
            ((string?)found["info_hash"], (string?)found["title"], (string?)found["content_type"], (long)found["size_bytes"]!));
        Assert.StartsWith($"magnet:?xt=urn:btih:{infoHash}", (string?)detail["magnet_uri"]);
        Assert.Equal(40_000L, (long)detail["files"]!.AsArray().Single()!["size_bytes"]!);
        var sighting = detail["evidence"]!.AsArray().Single()!;
        Assert.Equal("registry", (string?)sighting["source"]);
        Assert.StartsWith("ev_", (string?)sighting["id"]);
        var listed = evidence.Single(e => (string?)e!["id"] == (string?)sighting["id"])!;
        Assert.Equal((infoHash, "registry"), ((string?)listed["info_hash"], (string?)listed["source"]));
        Assert.Equal(JsonValueKind.Object, listed["payload"]!.GetValueKind());
    }

    [Fact]
    public async Task A_torrent_added_to_the_client_face_is_in_the_library_with_client_evidence()
    {
        var word = UniqueWord();
        var torrent = TorrentFixtures.SingleFileV1($"{word}-handbook.epub", 12_000, out var infoHash);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(torrent), "file", "book.torrent" },
            { new StringContent(Path.Combine(Path.GetTempPath(), "swarmgrid-library-api", Guid.NewGuid().ToString("N"))), "save_path" },
        };
        Assert.Equal(HttpStatusCode.OK, (await Admin.PostAsync("/client/api/torrents/file", form)).StatusCode);
        await Admin.PostAsync($"/client/api/torrents/{infoHash}/pause", null);

        var detail = await EventuallyAsync(async () =>
        {
            var response = await Admin.GetAsync($"/api/torrents/{infoHash}");
            return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync()) : null;
        });

        Assert.Equal(("ebook", $"{word}-handbook"), ((string?)detail!["content_type"], (string?)detail["title"]));
        Assert.Contains(detail["evidence"]!.AsArray(), e => (string?)e!["source"] == "client");
        await Admin.DeleteAsync($"/client/api/torrents/{infoHash}");
    }

    [Fact]
    public async Task Search_counts_before_paging_and_an_unknown_hash_is_404()
    {
        var word = UniqueWord();
        for (var i = 0; i < 3; i++)
        {
            await UploadAsync(TorrentFixtures.SingleFileV1($"{word}.Show.S01E0{i + 1}.720p.HDTV.mkv", 20_000 + i, out _));
        }

        var page = await EventuallyAsync(async () =>
        {
            var list = (await Admin.GetFromJsonAsync<JsonObject>($"/api/torrents?q={word}&limit=2&offset=1"))!;
            return (long)list["totalCount"]! == 3 ? list : null;
        });

        Assert.Equal(2, page!["items"]!.AsArray().Count);
        Assert.All(page["items"]!.AsArray(), item => Assert.Equal("tv", (string?)item!["content_type"]));
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync($"/api/torrents/{new string('0', 40)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync("/api/torrents/not-a-hash")).StatusCode);
    }

    [Theory]
    [InlineData("/api/torrents?limit=0")]
    [InlineData("/api/torrents?limit=501")]
    [InlineData("/api/torrents?limit=ten")]
    [InlineData("/api/torrents?offset=-1")]
    [InlineData("/api/torrents?content_type=podcast")]
    [InlineData("/api/evidence?limit=0")]
    [InlineData("/api/evidence?offset=x")]
    public async Task Bad_paging_or_filters_are_400_with_a_json_error(string path)
    {
        var response = await Admin.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_want_made_before_the_upload_is_fulfilled_once_and_its_owner_alone_is_told_live()
    {
        var word = UniqueWord();
        var (viewer, token) = await UserAsync("viewer");
        await using var ownerHub = await HubAsync(token);
        await using var adminHub = await HubAsync(fixture.AdminToken);
        var want = await CreateWantAsync(viewer, new { title = $"The {word} film", content_type = "movie", query = $"{word} 2026", priority = "high" });
        Assert.Equal("active", (string?)want["status"]);

        var torrent = TorrentFixtures.SingleFileV1($"The.{word}.2026.2160p.BluRay.x265.mkv", 30_000, out var infoHash);
        await UploadAsync(torrent);
        var received = await ownerHub.WaitForAsync(e => e.Contains(infoHash));
        await UploadAsync(TorrentFixtures.SingleFileV1($"The.{word}.2026.720p.WEB.x264.mkv", 30_001, out _));
        await Task.Delay(1500);
        var notes = (await viewer.GetFromJsonAsync<JsonObject>("/api/notifications"))!["items"]!.AsArray()
            .Where(n => (string?)n!["want_id"] == (string?)want["id"]).ToList();
        var after = (await viewer.GetFromJsonAsync<JsonArray>("/api/wants"))!.Single(w => (string?)w!["id"] == (string?)want["id"])!;

        Assert.NotNull(received);
        var note = Assert.Single(notes)!;
        Assert.Equal(("want_fulfilled", false, infoHash), ((string?)note["type"], (bool)note["read"]!, (string?)note["info_hash"]));
        Assert.Contains($"The {word} film", (string?)note["message"]);
        Assert.Equal(("fulfilled", infoHash), ((string?)after["status"], (string?)after["matched_info_hash"]));
        Assert.DoesNotContain(adminHub.Received, e => e.Contains(infoHash));
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PutAsync($"/api/notifications/{note["id"]}/read", null)).StatusCode);
        var read = await viewer.PutAsync($"/api/notifications/{note["id"]}/read", null);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.True((bool)JsonNode.Parse(await read.Content.ReadAsStringAsync())!["read"]!);
    }

    [Fact]
    public async Task A_want_made_after_its_match_is_in_the_library_is_fulfilled_at_once()
    {
        var word = UniqueWord();
        await UploadAsync(TorrentFixtures.SingleFileV1($"{word}.Album.2019.FLAC.flac", 25_000, out var infoHash));
        await EventuallyAsync(async () => (await Admin.GetFromJsonAsync<JsonObject>($"/api/torrents?q={word}"))!["items"]!.AsArray().SingleOrDefault());

        var want = await CreateWantAsync(Admin, new { title = "the album", content_type = "music", query = word, priority = "low" });

        Assert.Equal(("fulfilled", infoHash), ((string?)want["status"], (string?)want["matched_info_hash"]));
    }

    [Fact]
    public async Task Wants_update_partially_belong_to_their_owner_and_delete_with_204()
    {
        var (viewer, _) = await UserAsync("viewer");
        var want = await CreateWantAsync(viewer, new { title = "Keep", content_type = "tv", query = UniqueWord(), priority = "medium", notes = "first" });
        var id = (string?)want["id"];

        var updated = await viewer.PutAsJsonAsync($"/api/wants/{id}", new { priority = "low", status = "cancelled" });
        var body = JsonNode.Parse(await updated.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(("Keep", "low", "cancelled", "first", "tv"),
            ((string?)body["title"], (string?)body["priority"], (string?)body["status"], (string?)body["notes"], (string?)body["content_type"]));
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PutAsJsonAsync($"/api/wants/{id}", new { priority = "high" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.DeleteAsync($"/api/wants/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsJsonAsync($"/api/wants/{id}", new { auto_add = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await viewer.DeleteAsync($"/api/wants/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.DeleteAsync($"/api/wants/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.PutAsJsonAsync("/api/wants/w_nothing", new { priority = "high" })).StatusCode);
    }

    [Theory]
    [InlineData("""{"content_type":"movie","query":"x","priority":"high"}""")]
    [InlineData("""{"title":"t","content_type":"movie","query":"x","priority":"urgent"}""")]
    [InlineData("""{"title":"t","content_type":"podcast","query":"x","priority":"high"}""")]
    [InlineData("""{"title":"t","content_type":"movie","query":"!!!","priority":"high"}""")]
    [InlineData("""{"title":"","content_type":"movie","query":"x","priority":"high"}""")]
    [InlineData("""{"title":5,"content_type":"movie","query":"x","priority":"high"}""")]
    [InlineData("""{"title":"t",""")]
    [InlineData("""[]""")]
    [InlineData("")]
    public async Task A_bad_want_is_400_and_nothing_is_created(string body)
    {
        var before = (await Admin.GetFromJsonAsync<JsonArray>("/api/wants"))!.Count;

        var response = await Admin.PostAsync("/api/wants", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, (await Admin.GetFromJsonAsync<JsonArray>("/api/wants"))!.Count);
    }

    [Fact]
    public async Task A_viewer_may_not_ask_for_auto_add_and_anonymous_callers_get_401()
    {
        var (viewer, _) = await UserAsync("viewer");
        using var anonymous = fixture.Anonymous();

        var autoAdd = await viewer.PostAsJsonAsync("/api/wants", new { title = "t", content_type = "movie", query = "x", priority = "high", auto_add = true });

        Assert.Equal(HttpStatusCode.Forbidden, autoAdd.StatusCode);
        foreach (var path in new[] { "/api/torrents", "/api/evidence", "/api/wants", "/api/notifications" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public async Task Seed_demo_adds_the_seeds_counts_once_and_only_admins_may_call_it()
    {
        var (viewer, _) = await UserAsync("viewer");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/seed-demo", null)).StatusCode);

        var first = JsonNode.Parse(await (await Admin.PostAsync("/api/seed-demo", null)).Content.ReadAsStringAsync())!;
        var evidenceAfterFirst = (await Admin.GetFromJsonAsync<JsonObject>("/api/evidence?limit=500"))!["items"]!.AsArray().Count;
        var second = await Admin.PostAsync("/api/seed-demo", null);
        var demoWants = (await Admin.GetFromJsonAsync<JsonArray>("/api/wants"))!.Count(w => ((string?)w!["id"])!.StartsWith("w_demo", StringComparison.Ordinal));
        var demoNotes = (await Admin.GetFromJsonAsync<JsonObject>("/api/notifications"))!["items"]!.AsArray()
            .Count(n => ((string?)n!["id"])!.StartsWith("n_demo", StringComparison.Ordinal));
        var games = (await Admin.GetFromJsonAsync<JsonObject>("/api/torrents?content_type=game&q=plaza"))!;

        Assert.Equal("""{"seeded":true,"counts":{"torrents":50,"evidence":150,"wants":5,"notifications":10}}""", first.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(evidenceAfterFirst, (await Admin.GetFromJsonAsync<JsonObject>("/api/evidence?limit=500"))!["items"]!.AsArray().Count);
        Assert.Equal((5, 10), (demoWants, demoNotes));
        Assert.Equal(1, (long)games["totalCount"]!);
    }

    [Fact]
    public async Task Stats_carry_the_seeds_fields_and_metrics_are_prometheus_text()
    {
        await UploadAsync(TorrentFixtures.SingleFileV1($"{UniqueWord()}.2020.1080p.WEB.x264.mkv", 9_000, out _));
        await Task.Delay(500);

        var stats = (await Admin.GetFromJsonAsync<JsonObject>("/api/stats"))!;
        var metrics = await Admin.GetAsync("/api/metrics");
        var text = await metrics.Content.ReadAsStringAsync();

        Assert.Equal(["totalTorrents", "totalReleases", "totalEvidence", "dhtPeerCount", "indexerThroughput", "cacheHitRatio", "uptimeSeconds",
            "lastCrawlAt", "categoryBreakdown"], stats.Select(p => p.Key));
        Assert.True((long)stats["totalTorrents"]! >= 1 && (long)stats["totalEvidence"]! >= 1);
        Assert.True((double)stats["indexerThroughput"]! > 0);
        Assert.True((long)stats["categoryBreakdown"]!["movie"]! >= 1);
        Assert.Equal("text/plain", metrics.Content.Headers.ContentType?.MediaType);
        Assert.Contains("swarmgrid_library_torrents{content_type=\"movie\"}", text);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous().GetAsync("/api/stats")).StatusCode);
    }

    private static string UniqueWord() => "w" + Guid.NewGuid().ToString("N")[..10];

    private async Task UploadAsync(byte[] torrent)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(torrent), "torrent", "upload.torrent" } };
        var response = await Admin.PostAsync("/api/registry/torrent", form);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task<JsonObject> CreateWantAsync(HttpClient client, object want)
    {
        var response = await client.PostAsJsonAsync("/api/wants", want);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private async Task<(HttpClient Client, string Token)> UserAsync(string role)
    {
        var (_, email) = await Users.CreateAsync(Admin, role);
        var token = (string)(await Users.LoginAsync(Admin, email))["access_token"]!;
        var client = new HttpClient { BaseAddress = fixture.BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (client, token);
    }

    private async Task<NotificationHub> HubAsync(string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.BaseAddress, "/hubs/dashboard"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var hub = new NotificationHub(connection);
        await connection.StartAsync();
        await connection.InvokeAsync<string>("Subscribe", "notifications");
        return hub;
    }

    private static async Task<T?> EventuallyAsync<T>(Func<Task<T?>> read) where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await read() is { } value || DateTime.UtcNow > deadline)
            {
                return await read();
            }
            await Task.Delay(100);
        }
    }

    /// <summary>A dashboard hub connection following its user's notifications; events kept as JSON text.</summary>
    private sealed class NotificationHub : IAsyncDisposable
    {
        private readonly HubConnection connection;
        private readonly ConcurrentQueue<string> received = new();

        public NotificationHub(HubConnection connection)
        {
            this.connection = connection;
            connection.On<List<JsonObject>>("events", batch =>
            {
                foreach (var e in batch)
                {
                    received.Enqueue(e.ToJsonString());
                }
            });
        }

        public IReadOnlyCollection<string> Received => received.ToArray();

        public async Task<string?> WaitForAsync(Func<string, bool> match)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (DateTime.UtcNow < deadline && !received.Any(match))
            {
                await Task.Delay(50);
            }
            return received.FirstOrDefault(match);
        }

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
