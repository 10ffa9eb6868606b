using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Swarmgrid.WebFront.Tests;

/// <summary>
/// The client face's settings over HTTP: save path, limits and alt speed, queue and peer limits. Each test puts back
/// what it changed (through the library face's override routes), since the embedded silo is shared.
/// </summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class ClientSettingsApiTests(EmbeddedSiloFixture fixture)
{
    private const string Prefix = "/client/api";

    private HttpClient Admin => fixture.Client;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<JsonObject> GetAsync(string path)
    {
        var response = await Admin.GetAsync(Prefix + path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<JsonNode?> SettingAsync(string key) =>
        JsonNode.Parse(await Admin.GetStringAsync("/api/settings"))!["items"]!.AsArray().Single(i => (string?)i!["key"] == key)!["value"];

    private async Task RestoreAsync(params string[] keys)
    {
        foreach (var key in keys)
        {
            Assert.Equal(HttpStatusCode.OK, (await Admin.DeleteAsync($"/api/settings/overrides/{key}")).StatusCode);
        }
    }

    private static async Task AssertBadRequestAsync(HttpResponseMessage response, string message)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
    }

    [Fact]
    public async Task SavePath_IsTheEngineFolderUntilSet_ThenTheSettingOnBothFaces()
    {
        var chosen = Path.Combine(Path.GetTempPath(), "client-save-path-" + Guid.NewGuid().ToString("N"));
        try
        {
            var before = (string)(await GetAsync("/settings/save_path"))["path"]!;
            var put = await Admin.PutAsJsonAsync(Prefix + "/settings/save_path", new { path = chosen });

            Assert.True(Path.IsPathFullyQualified(before), before);
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.Equal("{\"ok\":true}", await put.Content.ReadAsStringAsync());
            Assert.Equal(chosen, (string)(await GetAsync("/settings/save_path"))["path"]!);
            Assert.Equal(chosen, (string?)await SettingAsync("default_save_path"));
        }
        finally
        {
            await RestoreAsync("default_save_path");
        }
    }

    [Theory]
    [InlineData("""{"path": "relative/folder"}""", "absolute path")]
    [InlineData("""{"path": ""}""", "path is required")]
    [InlineData("""{}""", "path is required")]
    [InlineData("""{"path": 42}""", "path must be a string")]
    [InlineData("""["/srv"]""", "request body must be a JSON object")]
    [InlineData("""null""", "request body must be a JSON object")]
    [InlineData("""{"path": "/srv""", "not valid JSON")]
    public async Task SavePath_BadBodies_Are400sThatChangeNothing(string body, string message)
    {
        var before = await GetAsync("/settings/save_path");

        await AssertBadRequestAsync(await Admin.PutAsync(Prefix + "/settings/save_path", Json(body)), message);

        Assert.Equal(before.ToJsonString(), (await GetAsync("/settings/save_path")).ToJsonString());
    }

    [Fact]
    public async Task Limits_RoundTripInKiBPerSecond_NamedFieldsOnly_AndAltSpeedToggles()
    {
        try
        {
            var put = await Admin.PutAsJsonAsync(Prefix + "/settings/limits",
                new { down_kbps = 500_000, up_kbps = 250_000, alt_down_kbps = 400_000, alt_up_kbps = 200_000, alt_active = false });
            var partial = await Admin.PutAsJsonAsync(Prefix + "/settings/limits", new { up_kbps = 260_000 });
            var limits = await GetAsync("/settings/limits");
            var on = await (await Admin.PostAsync(Prefix + "/settings/alt_speed/toggle", null)).Content.ReadFromJsonAsync<JsonObject>();
            var afterOn = await GetAsync("/settings/limits");
            var off = await (await Admin.PostAsync(Prefix + "/settings/alt_speed/toggle", null)).Content.ReadFromJsonAsync<JsonObject>();

            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
            Assert.Equal("""{"down_kbps":500000,"up_kbps":260000,"alt_down_kbps":400000,"alt_up_kbps":200000,"alt_active":false}""", limits.ToJsonString());
            Assert.Equal("""{"alt_active":true}""", on!.ToJsonString());
            Assert.True((bool)afterOn["alt_active"]!);
            Assert.Equal("""{"alt_active":false}""", off!.ToJsonString());
            Assert.Equal(500_000, (long)(await SettingAsync("global_download_limit_kib"))!);
            Assert.Equal(260_000, (long)(await SettingAsync("global_upload_limit_kib"))!);
            Assert.Equal(400_000, (long)(await SettingAsync("alt_download_limit_kib"))!);
            // Every silo's engine follows: the embedded one logs the rates it now runs at, in bytes per second.
            await UntilAsync(() => fixture.Output.Contains($"Engine rate limits from global: download {500_000 * 1024} B/s, upload {260_000 * 1024} B/s",
                StringComparison.Ordinal));
        }
        finally
        {
            await RestoreAsync("global_download_limit_kib", "global_upload_limit_kib", "alt_download_limit_kib", "alt_upload_limit_kib", "alt_speed_active");
        }
    }

    [Theory]
    [InlineData("""{"down_kbps": 100, "up_kbps": -1}""", "up_kbps must be between 0 and 10000000")]
    [InlineData("""{"down_kbps": 10000001}""", "down_kbps must be between 0 and 10000000")]
    [InlineData("""{"alt_down_kbps": -5}""", "alt_down_kbps must be between 0")]
    [InlineData("""{"alt_up_kbps": 99999999999999999999999}""", "alt_up_kbps must be an integer")]
    [InlineData("""{"down_kbps": 1.5}""", "down_kbps must be an integer")]
    [InlineData("""{"down_kbps": "fast"}""", "down_kbps must be an integer")]
    [InlineData("""{"alt_active": "yes"}""", "alt_active must be true or false")]
    [InlineData("""{"down_kbps": 100, "alt_active": 1}""", "alt_active must be true or false")]
    public async Task Limits_BadValues_Are400s_AndNothingIsHalfApplied(string body, string message)
    {
        var before = await GetAsync("/settings/limits");

        await AssertBadRequestAsync(await Admin.PutAsync(Prefix + "/settings/limits", Json(body)), message);

        Assert.Equal(before.ToJsonString(), (await GetAsync("/settings/limits")).ToJsonString());
    }

    [Fact]
    public async Task HugeBodies_Are413sWithAJsonError()
    {
        var huge = "{\"down_kbps\": -5, \"padding\": \"" + new string('x', 1024 * 1024) + "\"}";

        foreach (var path in new[] { "/settings/limits", "/settings/queue_limits", "/settings/peer_limits", "/settings/save_path", "/schedule_rules" })
        {
            var response = await Admin.PutAsync(Prefix + path, Json(huge));

            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
        }
    }

    [Fact]
    public async Task QueueLimits_RoundTrip_WithZeroForUnlimited()
    {
        try
        {
            var put = await Admin.PutAsJsonAsync(Prefix + "/settings/queue_limits", new { max_active_downloads = 3, max_active_seeds = 4 });
            var first = await GetAsync("/settings/queue_limits");
            var zero = await Admin.PutAsJsonAsync(Prefix + "/settings/queue_limits", new { max_active_downloads = 0, max_active_seeds = 0 });
            var second = await GetAsync("/settings/queue_limits");

            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.Equal("""{"max_active_downloads":3,"max_active_seeds":4}""", first.ToJsonString());
            Assert.Equal(HttpStatusCode.OK, zero.StatusCode);
            Assert.Equal("""{"max_active_downloads":0,"max_active_seeds":0}""", second.ToJsonString());
            Assert.Equal(0, (int)(await SettingAsync("max_concurrent_downloads"))!);
        }
        finally
        {
            await RestoreAsync("max_concurrent_downloads", "max_active_seeds");
        }
    }

    [Theory]
    [InlineData("""{"max_active_downloads": -1}""", "max_active_downloads must be between 0 and 1000")]
    [InlineData("""{"max_active_downloads": 2, "max_active_seeds": 10001}""", "max_active_seeds must be between 0 and 10000")]
    [InlineData("""{"max_active_seeds": "many"}""", "max_active_seeds must be an integer")]
    public async Task QueueLimits_BadValues_Are400s_AndNothingIsHalfApplied(string body, string message)
    {
        var before = await GetAsync("/settings/queue_limits");

        await AssertBadRequestAsync(await Admin.PutAsync(Prefix + "/settings/queue_limits", Json(body)), message);

        Assert.Equal(before.ToJsonString(), (await GetAsync("/settings/queue_limits")).ToJsonString());
    }

    [Fact]
    public async Task PeerLimits_RoundTrip()
    {
        try
        {
            var put = await Admin.PutAsJsonAsync(Prefix + "/settings/peer_limits",
                new { listen_port = 51413, max_peers_per_torrent = 120, dht_enabled = false, encryption_enabled = true });
            var limits = await GetAsync("/settings/peer_limits");

            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.Equal("""{"listen_port":51413,"max_peers_per_torrent":120,"dht_enabled":false,"encryption_enabled":true}""", limits.ToJsonString());
            Assert.Equal(120, (int)(await SettingAsync("max_peers_per_torrent"))!);
        }
        finally
        {
            await RestoreAsync("listen_port", "max_peers_per_torrent", "dht_enabled", "encryption_enabled");
        }
    }

    [Theory]
    [InlineData("""{"listen_port": 65536}""", "listen_port must be between 0 and 65535")]
    [InlineData("""{"listen_port": -1, "max_peers_per_torrent": 5}""", "listen_port must be between 0 and 65535")]
    [InlineData("""{"max_peers_per_torrent": -1, "dht_enabled": false}""", "max_peers_per_torrent must not be negative")]
    [InlineData("""{"max_peers_per_torrent": 10001}""", "max_peers_per_torrent must be at most 10000")]
    [InlineData("""{"dht_enabled": "off"}""", "dht_enabled must be true or false")]
    public async Task PeerLimits_BadValues_Are400s_AndNothingIsHalfApplied(string body, string message)
    {
        var before = await GetAsync("/settings/peer_limits");

        await AssertBadRequestAsync(await Admin.PutAsync(Prefix + "/settings/peer_limits", Json(body)), message);

        Assert.Equal(before.ToJsonString(), (await GetAsync("/settings/peer_limits")).ToJsonString());
    }

    [Fact]
    public async Task Viewers_Read_Operators_Change_Admins_Alone_Touch_The_Updater_And_Strangers_Get_401()
    {
        var (_, viewerEmail) = await Users.CreateAsync(Admin, "viewer");
        var (_, operatorEmail) = await Users.CreateAsync(Admin, "operator");
        var viewer = (string)(await Users.LoginAsync(fixture.Anonymous(), viewerEmail))["access_token"]!;
        var operatorToken = (string)(await Users.LoginAsync(fixture.Anonymous(), operatorEmail))["access_token"]!;
        using var client = fixture.Anonymous();
        string[] reads = ["/settings/save_path", "/settings/limits", "/settings/queue_limits", "/settings/peer_limits", "/settings/updater",
            "/schedule_rules", "/version"];

        foreach (var path in reads)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Prefix + path)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Users.Bearer(HttpMethod.Get, Prefix + path, viewer))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(Users.Bearer(HttpMethod.Put, Prefix + "/settings/queue_limits", viewer, new { }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(Users.Bearer(HttpMethod.Post, Prefix + "/settings/alt_speed/toggle", viewer))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(Users.Bearer(HttpMethod.Post, Prefix + "/schedule_rules", viewer, new { }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Users.Bearer(HttpMethod.Put, Prefix + "/settings/queue_limits", operatorToken, new { }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(Users.Bearer(HttpMethod.Put, Prefix + "/settings/updater", operatorToken, new { }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(Users.Bearer(HttpMethod.Post, Prefix + "/updater/check", operatorToken))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(Users.Bearer(HttpMethod.Post, Prefix + "/updater/install", operatorToken))).StatusCode);
    }

    [Fact]
    public async Task A_session_from_a_foreign_origin_is_refused_by_the_OriginGuard()
    {
        var (_, email) = await Users.CreateAsync(Admin, "operator");
        using var browser = fixture.Anonymous(cookies: true);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsJsonAsync(Prefix + "/login", new { username = email, password = Users.Password })).StatusCode);
        var before = await GetAsync("/settings/limits");

        var foreign = new HttpRequestMessage(HttpMethod.Post, Prefix + "/settings/alt_speed/toggle");
        foreign.Headers.Add("Origin", "https://evil.example");
        var response = await browser.SendAsync(foreign);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before.ToJsonString(), (await GetAsync("/settings/limits")).ToJsonString());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(Prefix + "/settings/limits")).StatusCode);
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(50, deadline.Token);
        }
    }
}
