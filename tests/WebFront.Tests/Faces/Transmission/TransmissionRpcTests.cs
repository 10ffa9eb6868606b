using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Swarmgrid.WebFront.Tests;

/// <summary>
/// The Transmission RPC face over the embedded silo: the 401 and 409 handshakes, role checks, every method, and bad
/// input (malformed JSON, wrong argument types, unknown ids and hashes, unknown methods) answered as Transmission
/// answers it, never with a 500.
/// </summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class TransmissionRpcTests(EmbeddedSiloFixture fixture) : IDisposable
{
    private const string Unknown = "0123456789abcdef0123456789abcdef01234567";

    private readonly TransmissionRpc rpc = TransmissionRpc.Admin(fixture.BaseAddress);

    [Fact]
    public async Task A_request_without_or_with_a_wrong_session_id_and_a_plain_GET_get_409_with_the_clusters_id()
    {
        using var http = fixture.Anonymous();
        var auth = TransmissionRpc.Basic(EmbeddedSiloFixture.AdminUser, EmbeddedSiloFixture.AdminPassword);
        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string? sessionId)
        {
            using var request = new HttpRequestMessage(method, "/transmission/rpc");
            request.Headers.Authorization = auth;
            if (method == HttpMethod.Post)
            {
                request.Content = new StringContent("""{"method":"session-get"}""", Encoding.UTF8, "application/json");
            }
            if (sessionId is not null)
            {
                request.Headers.Add(TransmissionRpc.SessionHeader, sessionId);
            }
            return await http.SendAsync(request);
        }

        var missing = await SendAsync(HttpMethod.Post, null);
        var id = missing.Headers.GetValues(TransmissionRpc.SessionHeader).Single();
        var wrong = await SendAsync(HttpMethod.Post, "not-the-id");
        var get = await SendAsync(HttpMethod.Get, null);
        var right = await SendAsync(HttpMethod.Post, id);

        Assert.Equal(HttpStatusCode.Conflict, missing.StatusCode);
        Assert.Equal(48, id.Length);
        Assert.Equal(HttpStatusCode.Conflict, wrong.StatusCode);
        Assert.Equal(id, wrong.Headers.GetValues(TransmissionRpc.SessionHeader).Single());
        Assert.Equal(HttpStatusCode.Conflict, get.StatusCode);
        Assert.Equal(id, get.Headers.GetValues(TransmissionRpc.SessionHeader).Single());
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal("success", (string?)(await right.Content.ReadFromJsonAsync<JsonObject>())!["result"]);
    }

    [Fact]
    public async Task Sonarrs_flow_a_challenged_GET_then_posts_with_the_session_id_adds_sets_moves_lists_and_removes()
    {
        // Sonarr's HttpClient sends the password only when challenged, learns the id from a GET, then posts.
        using var http = new HttpClient(new HttpClientHandler
        {
            Credentials = new NetworkCredential(EmbeddedSiloFixture.AdminUser, EmbeddedSiloFixture.AdminPassword),
        })
        { BaseAddress = fixture.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var handshake = await http.GetAsync("/transmission/rpc");
        var sessionId = handshake.Headers.GetValues(TransmissionRpc.SessionHeader).Single();
        async Task<JsonObject> PostAsync(string method, object? arguments)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/transmission/rpc") { Content = JsonContent.Create(new { method, arguments }) };
            request.Headers.Add(TransmissionRpc.SessionHeader, sessionId);
            var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.True((string?)answer["result"] == "success", $"{method}: {answer.ToJsonString()}");
            return answer["arguments"]!.AsObject();
        }
        var bytes = TorrentFixtures.SingleFileV1("sonarr.bin", 45_001, out var hash);
        string[] fields = ["id", "hashString", "name", "downloadDir", "totalSize", "leftUntilDone", "isFinished", "eta", "status", "secondsDownloading",
            "secondsSeeding", "errorString", "uploadedEver", "downloadedEver", "seedRatioLimit", "seedRatioMode", "seedIdleLimit", "seedIdleMode", "fileCount"];

        var session = await PostAsync("session-get", null);
        var added = await PostAsync("torrent-add", new Dictionary<string, object> { ["metainfo"] = Convert.ToBase64String(bytes), ["paused"] = true, ["download-dir"] = "" });
        await PostAsync("torrent-set", new Dictionary<string, object> { ["ids"] = new[] { hash }, ["seedRatioLimit"] = 1.5, ["seedRatioMode"] = 1, ["seedIdleLimit"] = 60, ["seedIdleMode"] = 1 });
        await PostAsync("queue-move-top", new { ids = new[] { hash } });
        var listed = await PostAsync("torrent-get", new { fields });
        await PostAsync("torrent-remove", new Dictionary<string, object> { ["ids"] = new[] { hash }, ["delete-local-data"] = true });
        var after = await PostAsync("torrent-get", new { fields, ids = new[] { hash } });

        Assert.Equal(HttpStatusCode.Conflict, handshake.StatusCode);
        Assert.Equal((string?)session["download-dir"], (string?)listed["torrents"]!.AsArray().Single(t => (string?)t!["hashString"] == hash)!["downloadDir"]);
        Assert.Equal(hash, (string?)added["torrent-added"]!["hashString"]);
        Assert.Equal(fields, listed["torrents"]!.AsArray().Single(t => (string?)t!["hashString"] == hash)!.AsObject().Select(p => p.Key));
        Assert.Empty(after["torrents"]!.AsArray());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic YWRtaW46d3Jvbmc=")]
    [InlineData("Basic !!!not-base64")]
    [InlineData("Bearer abc")]
    public async Task Missing_or_bad_credentials_get_401_with_WWW_Authenticate_before_any_session_check(string? authorization)
    {
        using var http = fixture.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/transmission/rpc")
        {
            Content = new StringContent("""{"method":"session-get"}""", Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic realm=\"Transmission\"", response.Headers.WwwAuthenticate.ToString());
        Assert.False(response.Headers.Contains(TransmissionRpc.SessionHeader));
    }

    [Fact]
    public async Task A_viewer_reads_but_may_not_change_and_an_operator_may()
    {
        var (_, viewerEmail) = await Users.CreateAsync(fixture.Client, "viewer");
        var (_, operatorEmail) = await Users.CreateAsync(fixture.Client, "operator");
        using var viewer = new TransmissionRpc(fixture.BaseAddress, "/transmission/rpc", viewerEmail, Users.Password);
        using var op = new TransmissionRpc(fixture.BaseAddress, "/transmission/rpc", operatorEmail, Users.Password);
        var added = await rpc.AddPausedAsync(TorrentFixtures.SingleFileV1("roles.bin", 20_001, out var hash));
        try
        {
            var read = await viewer.CallAsync("torrent-get", new { fields = new[] { "id" }, ids = new[] { hash } });
            var refused = await viewer.PostRawAsync("{\"method\":\"torrent-start\",\"arguments\":{\"ids\":[\"" + hash + "\"]}}");
            var refusedBody = await refused.Content.ReadFromJsonAsync<JsonObject>();
            var allowed = await op.CallAsync("torrent-verify", new { ids = new[] { hash } });

            Assert.Equal("success", (string?)read["result"]);
            Assert.Equal((int)added["id"]!, (int)read["arguments"]!["torrents"]![0]!["id"]!);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.StartsWith("forbidden", (string?)refusedBody!["result"]);
            Assert.Equal("success", (string?)allowed["result"]);
        }
        finally
        {
            await rpc.OkAsync("torrent-remove", new { ids = new[] { hash } });
        }
    }

    [Theory]
    [InlineData("{not json", "no method name")]
    [InlineData("[1,2,3]", "no method name")]
    [InlineData("\"session-get\"", "no method name")]
    [InlineData("""{"arguments":{}}""", "no method name")]
    [InlineData("""{"method":42}""", "no method name")]
    [InlineData("""{"method":"torrent-explode"}""", "method name not recognized")]
    [InlineData("""{"method":"session-get","arguments":[1]}""", "invalid argument: arguments must be an object")]
    [InlineData("""{"method":"torrent-get","arguments":{}}""", "no fields specified")]
    [InlineData("""{"method":"torrent-get","arguments":{"fields":"id"}}""", "invalid argument: fields must be a list of strings")]
    [InlineData("""{"method":"torrent-get","arguments":{"fields":["id"],"ids":true}}""", "invalid argument: ids must be torrent ids (integers), info-hashes or \"recently-active\"")]
    [InlineData("""{"method":"torrent-get","arguments":{"fields":["id"],"ids":[1.5]}}""", "invalid argument: ids must be torrent ids (integers), info-hashes or \"recently-active\"")]
    [InlineData("""{"method":"torrent-get","arguments":{"fields":["id"],"format":"grid"}}""", "invalid argument: format must be \"objects\" or \"table\"")]
    [InlineData("""{"method":"torrent-add","arguments":{}}""", "no filename or metainfo specified")]
    [InlineData("""{"method":"torrent-add","arguments":{"metainfo":"%%%"}}""", "invalid or corrupt torrent file")]
    [InlineData("""{"method":"torrent-add","arguments":{"metainfo":"aGVsbG8="}}""", "invalid or corrupt torrent file")]
    [InlineData("""{"method":"torrent-add","arguments":{"filename":"magnet:?xt=urn:btih:nothex"}}""", "invalid or corrupt torrent file")]
    [InlineData("""{"method":"torrent-add","arguments":{"filename":"magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567","paused":"yes"}}""", "invalid argument: paused must be a boolean")]
    [InlineData("""{"method":"torrent-add","arguments":{"filename":"magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567","download-dir":"relative/dir"}}""", "download-dir must be an absolute path")]
    [InlineData("""{"method":"torrent-add","arguments":{"filename":"magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567","labels":"tv"}}""", "invalid argument: labels must be a list of strings")]
    [InlineData("""{"method":"torrent-add","arguments":{"filename":"http://169.254.169.254/latest/x.torrent"}}""", "invalid argument: filename: ")]
    [InlineData("""{"method":"torrent-set","arguments":{"ids":[],"queuePosition":"top"}}""", "invalid argument: queuePosition must be an integer")]
    [InlineData("""{"method":"torrent-set","arguments":{"ids":[],"queuePosition":-1}}""", "invalid argument: queuePosition must be 0 or more")]
    [InlineData("""{"method":"torrent-remove","arguments":{"ids":{"a":1}}}""", "invalid argument: ids must be torrent ids (integers), info-hashes or \"recently-active\"")]
    [InlineData("""{"method":"torrent-remove","arguments":{"ids":[],"delete-local-data":"please"}}""", "invalid argument: delete-local-data must be a boolean")]
    [InlineData("""{"method":"session-set","arguments":{"speed-limit-down":"fast"}}""", "invalid argument: speed-limit-down must be an integer")]
    [InlineData("""{"method":"session-set","arguments":{"speed-limit-down":-5}}""", "invalid argument: speed-limit-down must be between 0 and 10000000 (KiB/s)")]
    [InlineData("""{"method":"session-set","arguments":{"peer-port":70000}}""", "invalid argument: peer-port must be between 0 and 65535")]
    [InlineData("""{"method":"session-set","arguments":{"encryption":"maybe"}}""", "invalid argument: encryption must be \"required\", \"preferred\" or \"tolerated\"")]
    [InlineData("""{"method":"session-set","arguments":{"download-dir":"not/absolute"}}""", "download-dir must be an absolute path")]
    [InlineData("""{"method":"free-space","arguments":{}}""", "directory path argument is missing")]
    [InlineData("""{"method":"free-space","arguments":{"path":"/no/such/folder/here"}}""", "No such file or directory")]
    [InlineData("""{"method":"free-space","arguments":{"path":7}}""", "invalid argument: path must be a string")]
    public async Task Bad_requests_are_answered_200_with_a_result_string(string body, string result)
    {
        var response = await rpc.PostRawAsync(body);
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(result, (string?)answer!["result"]);
        Assert.IsType<JsonObject>(answer["arguments"]);
    }

    [Fact]
    public async Task The_tag_is_echoed_and_session_get_honours_fields()
    {
        var all = await rpc.CallAsync("session-get", tag: 77);
        var some = await rpc.OkAsync("session-get", new { fields = new[] { "version", "rpc-version", "download-dir", "no-such-field" } });

        Assert.Equal(77, (int)all["tag"]!);
        var session = all["arguments"]!.AsObject();
        foreach (var field in new[] { "version", "rpc-version", "rpc-version-minimum", "download-dir", "seedRatioLimit", "seedRatioLimited",
            "idle-seeding-limit", "idle-seeding-limit-enabled", "speed-limit-down", "speed-limit-down-enabled", "speed-limit-up",
            "speed-limit-up-enabled", "alt-speed-down", "alt-speed-up", "alt-speed-enabled", "peer-port", "config-dir", "session-id" })
        {
            Assert.True(session.ContainsKey(field), field);
        }
        Assert.StartsWith("3.00", (string?)session["version"]);
        Assert.Equal(16, (int)session["rpc-version"]!);
        Assert.Equal(["version", "rpc-version", "download-dir"], some.Select(p => p.Key));
    }

    [Fact]
    public async Task Session_set_writes_the_settings_the_client_face_reads_and_ignores_transmission_only_ones()
    {
        var before = await fixture.Client.GetFromJsonAsync<JsonObject>("/client/api/settings/limits");
        try
        {
            await rpc.OkAsync("session-set", new Dictionary<string, object>
            {
                ["speed-limit-down"] = 640,
                ["speed-limit-down-enabled"] = true,
                ["alt-speed-up"] = 33,
                ["rename-partial-files"] = true,
                ["script-torrent-done-enabled"] = false,
            });
            var limits = await fixture.Client.GetFromJsonAsync<JsonObject>("/client/api/settings/limits");
            var session = await rpc.OkAsync("session-get", new { fields = new[] { "speed-limit-down", "speed-limit-down-enabled", "alt-speed-up" } });
            await rpc.OkAsync("session-set", new Dictionary<string, object> { ["speed-limit-down-enabled"] = false });
            var off = await fixture.Client.GetFromJsonAsync<JsonObject>("/client/api/settings/limits");

            Assert.Equal((640, 33), ((int)limits!["down_kbps"]!, (int)limits["alt_up_kbps"]!));
            Assert.Equal((640, true, 33), ((int)session["speed-limit-down"]!, (bool)session["speed-limit-down-enabled"]!, (int)session["alt-speed-up"]!));
            Assert.Equal(0, (int)off!["down_kbps"]!);
        }
        finally
        {
            await fixture.Client.PutAsJsonAsync("/client/api/settings/limits", before);
        }
    }

    [Fact]
    public async Task Stats_free_space_and_port_test_answer_transmissions_shapes()
    {
        var stats = await rpc.OkAsync("session-stats");
        var free = await rpc.OkAsync("free-space", new { path = Path.GetTempPath() });
        var port = await rpc.OkAsync("port-test");

        Assert.Equal(["activeTorrentCount", "cumulative-stats", "current-stats", "downloadSpeed", "pausedTorrentCount", "torrentCount", "uploadSpeed"],
            stats.Select(p => p.Key));
        Assert.Equal(["downloadedBytes", "filesAdded", "secondsActive", "sessionCount", "uploadedBytes"], stats["current-stats"]!.AsObject().Select(p => p.Key));
        Assert.Equal(Path.GetTempPath(), (string?)free["path"]);
        Assert.True((long)free["size-bytes"]! > 0);
        Assert.False((bool)port["port-is-open"]!);
    }

    [Fact]
    public async Task An_added_torrent_gets_a_stable_id_shows_paused_as_status_0_and_a_second_add_is_a_duplicate_with_the_same_id()
    {
        var bytes = TorrentFixtures.SingleFileV1("stable-id.bin", 30_001, out var hash);
        var other = TorrentFixtures.SingleFileV1("stable-id-2.bin", 30_002, out var otherHash);
        var label = "tv-" + Guid.NewGuid().ToString("N")[..6];
        try
        {
            var added = await rpc.AddPausedAsync(bytes, [label]);
            var again = await rpc.OkAsync("torrent-add", new { metainfo = Convert.ToBase64String(bytes) });
            var second = await rpc.AddPausedAsync(other);
            var id = (int)added["id"]!;
            var byId = await rpc.TorrentsAsync(id, "id", "hashString", "name", "status", "labels", "totalSize", "leftUntilDone", "isFinished",
                "errorString", "error", "eta", "downloadDir", "fileCount", "seedRatioMode", "percentDone");
            var byHash = await rpc.TorrentsAsync(new object[] { hash.ToUpperInvariant() }, "id");
            var table = (await rpc.OkAsync("torrent-get", new { fields = new[] { "id", "name" }, ids = new[] { id }, format = "table" }))["torrents"]!.AsArray();
            var unknown = await rpc.TorrentsAsync(new object[] { 999_999, Unknown, "not-a-hash" }, "id");
            var everyone = await rpc.TorrentsAsync(null, "id", "hashString");
            using var otherFront = TransmissionRpc.Admin(fixture.BaseAddress);
            var seenAgain = await otherFront.TorrentsAsync(new object[] { hash }, "id");

            Assert.Equal((hash, "stable-id.bin"), ((string?)added["hashString"], (string?)added["name"]));
            Assert.Equal(id, (int)again["torrent-duplicate"]!["id"]!);
            Assert.Null(again["torrent-added"]);
            Assert.True((int)second["id"]! > id);
            var torrent = byId.Single()!;
            Assert.Equal(0, (int)torrent["status"]!);
            Assert.Equal([label], torrent["labels"]!.AsArray().Select(l => (string?)l));
            Assert.Equal((30_001L, 30_001L), ((long)torrent["totalSize"]!, (long)torrent["leftUntilDone"]!));
            Assert.Equal((false, "", 0, -1L), ((bool)torrent["isFinished"]!, (string?)torrent["errorString"], (int)torrent["error"]!, (long)torrent["eta"]!));
            Assert.Equal(1, (int)torrent["fileCount"]!);
            Assert.Equal(id, (int)byHash.Single()!["id"]!);
            Assert.Equal("[[\"id\",\"name\"],[" + id + ",\"stable-id.bin\"]]", table.ToJsonString());
            Assert.Empty(unknown);
            Assert.Contains(everyone, t => (string?)t!["hashString"] == otherHash);
            Assert.Equal(everyone.Select(t => (int)t!["id"]!).Order(), everyone.Select(t => (int)t!["id"]!));
            Assert.Equal(id, (int)seenAgain.Single()!["id"]!);
        }
        finally
        {
            await rpc.OkAsync("torrent-remove", new { ids = new[] { hash, otherHash } });
        }
    }

    [Fact]
    public async Task Start_stop_verify_set_and_queue_moves_reach_the_torrent_grain()
    {
        var first = await rpc.AddPausedAsync(TorrentFixtures.SingleFileV1("actions-a.bin", 40_001, out var a));
        var second = await rpc.AddPausedAsync(TorrentFixtures.SingleFileV1("actions-b.bin", 40_002, out var b));
        var label = "set-" + Guid.NewGuid().ToString("N")[..6];
        try
        {
            await rpc.OkAsync("torrent-start", new { ids = new[] { (int)first["id"]! } });
            var started = (await rpc.TorrentsAsync(new[] { a }, "status")).Single()!;
            var client = await fixture.Client.GetFromJsonAsync<JsonArray>("/client/api/torrents");
            await rpc.OkAsync("torrent-stop", new { ids = a });
            var stopped = (await rpc.TorrentsAsync(new[] { a }, "status")).Single()!;
            await rpc.OkAsync("torrent-verify", new { ids = new[] { a } });
            await rpc.OkAsync("torrent-set", new { ids = new[] { a, b }, labels = new[] { label }, files_unused = 1 });
            await rpc.OkAsync("torrent-set", new Dictionary<string, object> { ["ids"] = new[] { b }, ["files-unwanted"] = new[] { 0 } });
            var unwanted = (await rpc.TorrentsAsync(new[] { b }, "wanted", "priorities", "labels", "files", "fileStats")).Single()!;
            await rpc.OkAsync("queue-move-top", new { ids = new[] { b } });
            var top = await rpc.TorrentsAsync(new[] { a, b }, "hashString", "queuePosition");
            await rpc.OkAsync("queue-move-bottom", new { ids = new[] { b } });
            var bottom = await rpc.TorrentsAsync(new[] { a, b }, "hashString", "queuePosition");
            await rpc.OkAsync("torrent-set", new { ids = new[] { b }, queuePosition = 0 });
            var placed = await rpc.TorrentsAsync(new[] { b }, "queuePosition");
            var nothing = await rpc.CallAsync("torrent-stop", new { ids = new[] { 987_654 } });
            await rpc.OkAsync("torrent-start", new { ids = new[] { b } });
            var pausedByClientFace = await fixture.Client.PostAsync($"/client/api/torrents/{b}/pause", null);
            var pausedB = (await rpc.TorrentsAsync(new[] { b }, "status")).Single()!;

            Assert.NotEqual(0, (int)started["status"]!);
            Assert.False((bool)client!.Single(t => (string?)t!["id"] == a)!["paused"]!);
            Assert.Equal(0, (int)stopped["status"]!);
            Assert.Equal([label], unwanted["labels"]!.AsArray().Select(l => (string?)l));
            Assert.Equal("[0]", unwanted["wanted"]!.ToJsonString());
            Assert.False((bool)unwanted["fileStats"]![0]!["wanted"]!);
            Assert.Equal("actions-b.bin", (string?)unwanted["files"]![0]!["name"]);
            int Position(JsonArray list, string hash) => (int)list.Single(t => (string?)t!["hashString"] == hash)!["queuePosition"]!;
            Assert.True(Position(top, b) < Position(top, a), top.ToJsonString());
            Assert.True(Position(bottom, b) > Position(bottom, a), bottom.ToJsonString());
            Assert.Equal(0, (int)placed.Single()!["queuePosition"]!);
            Assert.Equal("success", (string?)nothing["result"]);
            Assert.Equal(HttpStatusCode.OK, pausedByClientFace.StatusCode);
            Assert.Equal(0, (int)pausedB["status"]!);
        }
        finally
        {
            await rpc.OkAsync("torrent-remove", new { ids = new[] { a, b } });
        }
    }

    [Fact]
    public async Task A_torrent_url_is_fetched_through_the_outbound_rules_and_a_failed_fetch_is_a_result()
    {
        await using var server = await FakeListServer.StartAsync();
        var url = server.Put("fetched.torrent", TorrentFixtures.SingleFileV1("fetched.bin", 33_001, out var hash));
        var missing = server.Fail("missing.torrent", 404);
        var junk = server.Put("junk.torrent", "not a torrent");
        try
        {
            var added = await rpc.OkAsync("torrent-add", new { filename = url, paused = true });
            var notFound = await rpc.CallAsync("torrent-add", new { filename = missing });
            var notTorrent = await rpc.CallAsync("torrent-add", new { filename = junk });
            var notHttp = await rpc.CallAsync("torrent-add", new { filename = "file:///etc/passwd" });

            Assert.Equal((hash, "fetched.bin"), ((string?)added["torrent-added"]!["hashString"], (string?)added["torrent-added"]!["name"]));
            Assert.StartsWith("torrent could not be fetched", (string?)notFound["result"]);
            Assert.Equal("invalid or corrupt torrent file", (string?)notTorrent["result"]);
            Assert.StartsWith("invalid argument: filename: ", (string?)notHttp["result"]);
        }
        finally
        {
            await rpc.CallAsync("torrent-remove", new { ids = new[] { hash } });
        }
    }

    [Fact]
    public async Task Removing_with_local_data_a_torrent_added_paused_succeeds_and_forgets_it()
    {
        var added = await rpc.AddPausedAsync(TorrentFixtures.SingleFileV1("never-ran.bin", 25_001, out var hash));
        var magnet = await rpc.OkAsync("torrent-add", new
        {
            filename = "magnet:?xt=urn:btih:" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20)) + "&dn=remove-me",
            paused = true,
            labels = new[] { "magnets" },
        });
        var magnetHash = (string)magnet["torrent-added"]!["hashString"]!;

        var removed = await rpc.CallAsync("torrent-remove", new Dictionary<string, object> { ["ids"] = new object[] { (int)added["id"]!, magnetHash }, ["delete-local-data"] = true });
        var left = await rpc.TorrentsAsync(new object[] { hash, magnetHash }, "id");
        var client = await fixture.Client.GetFromJsonAsync<JsonArray>("/client/api/torrents");

        Assert.Equal("remove-me", (string?)magnet["torrent-added"]!["name"]);
        Assert.Equal("success", (string?)removed["result"]);
        Assert.Empty(left);
        Assert.DoesNotContain(client!, t => (string?)t!["id"] == hash || (string?)t["id"] == magnetHash);
    }

    [Fact]
    public async Task Seed_limits_set_per_torrent_reach_the_grain_and_a_complete_torrent_at_its_ratio_is_stopped()
    {
        const int length = 27_000;
        var bytes = TorrentFixtures.SingleFileV1("tr-ratio.bin", length, out var hash);
        var data = new byte[length];
        new Random(length).NextBytes(data);
        var folder = Path.Combine(Path.GetTempPath(), "swarmgrid-transmission-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "tr-ratio.bin"), data);
        try
        {
            await rpc.OkAsync("torrent-add", new JsonObject { ["metainfo"] = Convert.ToBase64String(bytes), ["download-dir"] = folder });
            await WaitForAsync(hash, t => (double)t["percentDone"]! == 1.0);

            await rpc.OkAsync("torrent-set", new { ids = new[] { hash }, seedRatioLimit = 2.5, seedRatioMode = 1, seedIdleLimit = 45, seedIdleMode = 2 });
            var own = (await rpc.TorrentsAsync(new[] { hash }, "seedRatioLimit", "seedRatioMode", "seedIdleLimit", "seedIdleMode")).Single()!;
            var badMode = await rpc.CallAsync("torrent-set", new { ids = new[] { hash }, seedRatioMode = 5 });
            await rpc.OkAsync("torrent-set", new { ids = new[] { hash }, seedRatioLimit = 0, seedRatioMode = 1 });
            var stopped = await WaitForAsync(hash, t => (int)t["status"]! == 0);

            Assert.Equal((2.5, 1, 2), ((double)own["seedRatioLimit"]!, (int)own["seedRatioMode"]!, (int)own["seedIdleMode"]!));
            Assert.Contains("seed", (string?)badMode["result"]);
            Assert.Equal((0, 1.0), ((int)stopped["status"]!, (double)stopped["percentDone"]!));
        }
        finally
        {
            await rpc.CallAsync("torrent-remove", new { ids = new[] { hash } });
        }
    }

    private async Task<JsonNode> WaitForAsync(string hash, Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var torrent = (await rpc.TorrentsAsync(new[] { hash }, "status", "percentDone")).Single()!;
            if (done(torrent))
            {
                return torrent;
            }
            Assert.True(DateTime.UtcNow < deadline, $"torrent never got there: {torrent.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    public void Dispose() => rpc.Dispose();
}
