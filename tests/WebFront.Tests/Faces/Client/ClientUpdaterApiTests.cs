using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Swarmgrid.TestSupport;

namespace Swarmgrid.WebFront.Tests;

/// <summary>Without a feed URL (the shared embedded silo) the updater answers the seed's 500 "updater disabled".</summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class ClientUpdaterDisabledTests(EmbeddedSiloFixture fixture)
{
    [Fact]
    public async Task Check_and_install_answer_500_updater_disabled_and_the_version_is_the_build()
    {
        var check = await fixture.Client.PostAsync("/client/api/updater/check", null);
        var install = await fixture.Client.PostAsync("/client/api/updater/install", null);
        var version = (await fixture.Client.GetFromJsonAsync<JsonObject>("/client/api/version"))!;

        foreach (var response in new[] { check, install })
        {
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("updater disabled", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
        }
        Assert.Equal(["version"], version.Select(p => p.Key));
        Assert.Matches(@"^v\d+\.\d+\.\d+$", (string)version["version"]!);
    }
}

/// <summary>
/// An embedded silo whose updater reads a fake release feed on loopback, with the client face at Mosaic's own
/// <c>/api</c> (library face off) and a 1 MiB asset cap.
/// </summary>
public sealed class UpdaterSiloFixture : IAsyncLifetime
{
    public const long MaxAssetBytes = 1024 * 1024;

    private SwarmgridProcess? process;

    public FakeReleaseServer Releases { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "swarmgrid-updater-tests", Guid.NewGuid().ToString("N"));

    public string UpdatesDirectory => Path.Combine(DataDirectory, "updates");

    public async Task InitializeAsync()
    {
        Releases = await FakeReleaseServer.StartAsync();
        process = SwarmgridProcess.Start("Silo", "Swarmgrid.Silo", new Dictionary<string, string>
        {
            ["Swarmgrid:DataDir"] = DataDirectory,
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
            ["Tracker:UdpPort"] = "0",
            ["Auth:Bootstrap:Username"] = EmbeddedSiloFixture.AdminUser,
            ["Auth:Bootstrap:Password"] = EmbeddedSiloFixture.AdminPassword,
            ["Auth:LoginRateLimit:Enabled"] = "false",
            ["Auth:Jwt:SigningKey"] = EmbeddedSiloFixture.SigningKey,
            ["Faces:Client:Prefix"] = "/api",
            ["Faces:Library:Enabled"] = "false",
            ["Client:Updater:FeedUrl"] = Releases.FeedUrl.ToString(),
            ["Client:Updater:MaxAssetBytes"] = MaxAssetBytes.ToString(),
            ["Client:Updater:Timeout"] = "00:00:30",
        });
        Client = new HttpClient { BaseAddress = await process.WaitForListeningAsync(), Timeout = TimeSpan.FromSeconds(30) };
        var token = await SignIn.TokenAsync(Client, EmbeddedSiloFixture.AdminUser, EmbeddedSiloFixture.AdminPassword, TimeSpan.FromSeconds(60));
        Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (process is not null)
        {
            await process.DisposeAsync();
        }
        await Releases.DisposeAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}

/// <summary>The updater against a fake release feed: checks compare versions, installs stage only verified bytes.</summary>
public sealed class ClientUpdaterApiTests(UpdaterSiloFixture fixture) : IClassFixture<UpdaterSiloFixture>
{
    private HttpClient Client => fixture.Client;

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private void Offer(string version, string assetName, string sha256, string? betaVersion = null, long? size = null) =>
        fixture.Releases.Feed = new JsonObject
        {
            ["channels"] = new JsonObject
            {
                ["stable"] = new JsonObject { ["version"] = version, ["asset_url"] = $"assets/{assetName}", ["sha256"] = sha256, ["size"] = size },
                ["beta"] = new JsonObject { ["version"] = betaVersion ?? version, ["asset_url"] = new Uri(fixture.Releases.BaseAddress, $"/assets/{assetName}").ToString(), ["sha256"] = sha256 },
            },
        }.ToJsonString();

    private static async Task<string?> ErrorAsync(HttpResponseMessage response) => (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"];

    private IEnumerable<string> Staged() =>
        Directory.Exists(fixture.UpdatesDirectory) ? Directory.EnumerateFileSystemEntries(fixture.UpdatesDirectory).Select(path => Path.GetFileName(path)) : [];

    [Fact]
    public async Task Check_compares_the_feed_version_with_the_build_and_remembers_what_it_saw()
    {
        Offer("v9.0.0", "swarmgrid-9.0.0.tar.gz", new string('a', 64), betaVersion: "v9.1.0-beta.2");

        var stable = (await (await Client.PostAsync("/api/updater/check", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(HttpStatusCode.OK, (await Client.PutAsJsonAsync("/api/settings/updater", new { enabled = true, channel = "beta", last_seen_version = "ignored" })).StatusCode);
        var beta = (await (await Client.PostAsync("/api/updater/check", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        var settings = await Client.GetFromJsonAsync<JsonObject>("/api/settings/updater");
        Assert.Equal(HttpStatusCode.OK, (await Client.PutAsJsonAsync("/api/settings/updater", new { channel = "stable" })).StatusCode);
        Offer("v0.0.9", "old.tar.gz", new string('b', 64));
        var older = (await (await Client.PostAsync("/api/updater/check", null)).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(["available", "latest_version", "asset_url", "asset_filename", "checked_at", "current_version"], stable!.Select(p => p.Key));
        Assert.True((bool)stable["available"]!);
        Assert.Equal("v9.0.0", (string?)stable["latest_version"]);
        Assert.Equal(new Uri(fixture.Releases.BaseAddress, "/assets/swarmgrid-9.0.0.tar.gz").ToString(), (string?)stable["asset_url"]);
        Assert.Equal("swarmgrid-9.0.0.tar.gz", (string?)stable["asset_filename"]);
        Assert.Equal((string?)(await Client.GetFromJsonAsync<JsonObject>("/api/version"))!["version"], (string?)stable["current_version"]);
        Assert.InRange((long)stable["checked_at"]!, DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds());
        Assert.Equal("v9.1.0-beta.2", (string?)beta!["latest_version"]);
        Assert.True((bool)settings!["enabled"]!);
        Assert.Equal("beta", (string?)settings["channel"]);
        Assert.Equal("v9.1.0-beta.2", (string?)settings["last_seen_version"]);
        Assert.True((long)settings["last_checked_at"]! > 0);
        Assert.False((bool)older!["available"]!);
        Assert.Equal("v0.0.9", (string?)older["latest_version"]);
    }

    [Fact]
    public async Task Updater_settings_accept_only_the_stable_and_beta_channels()
    {
        var wrong = await Client.PutAsJsonAsync("/api/settings/updater", new { enabled = true, channel = "nightly" });
        var mistyped = await Client.PutAsync("/api/settings/updater", new StringContent("""{"enabled":"yes"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("channel must be stable or beta", await ErrorAsync(wrong));
        Assert.Equal(HttpStatusCode.BadRequest, mistyped.StatusCode);
        Assert.Equal("stable", (string?)(await Client.GetFromJsonAsync<JsonObject>("/api/settings/updater"))!["channel"]);
    }

    [Fact]
    public async Task Install_stages_a_verified_release_with_its_manifest_once()
    {
        var asset = RandomNumberGenerator.GetBytes(200_000);
        fixture.Releases.PutAsset("good.tar.gz", asset);
        Offer("v9.2.0", "good.tar.gz", Sha256(asset).ToUpperInvariant(), size: asset.Length);

        var first = await Client.PostAsync("/api/updater/install", null);
        var requests = fixture.Releases.AssetRequests;
        var again = await Client.PostAsync("/api/updater/install", null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("{\"ok\":true}", await first.Content.ReadAsStringAsync());
        var folder = Path.Combine(fixture.UpdatesDirectory, "v9.2.0");
        Assert.Equal(asset, await File.ReadAllBytesAsync(Path.Combine(folder, "good.tar.gz")));
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json")))!;
        Assert.Equal(("v9.2.0", "stable", "good.tar.gz", Sha256(asset), asset.Length),
            ((string?)manifest["version"], (string?)manifest["channel"], (string?)manifest["asset_filename"], (string?)manifest["sha256"], (int)manifest["size"]!));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(requests, fixture.Releases.AssetRequests);
        Assert.DoesNotContain(Staged(), name => name.StartsWith(".incoming", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Install_refuses_an_asset_whose_sha256_is_not_the_feeds_and_stages_nothing()
    {
        var asset = RandomNumberGenerator.GetBytes(50_000);
        fixture.Releases.PutAsset("tampered.tar.gz", asset);
        Offer("v9.3.0", "tampered.tar.gz", Sha256([.. asset, 0]));

        var response = await Client.PostAsync("/api/updater/install", null);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("SHA-256", await ErrorAsync(response));
        Assert.DoesNotContain("v9.3.0", Staged());
        Assert.DoesNotContain(Staged(), name => name.StartsWith(".incoming", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Install_refuses_an_asset_over_the_size_cap_and_stages_nothing()
    {
        var asset = new byte[UpdaterSiloFixture.MaxAssetBytes + 1];
        fixture.Releases.PutAsset("huge.tar.gz", asset);
        Offer("v9.4.0", "huge.tar.gz", Sha256(asset));

        var response = await Client.PostAsync("/api/updater/install", null);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("larger than", await ErrorAsync(response));
        Assert.DoesNotContain("v9.4.0", Staged());
    }

    [Fact]
    public async Task Install_with_nothing_newer_is_a_conflict_and_a_broken_feed_is_a_bad_gateway()
    {
        var current = (string)(await Client.GetFromJsonAsync<JsonObject>("/api/version"))!["version"]!;
        Offer(current, "same.tar.gz", new string('c', 64));
        var same = await Client.PostAsync("/api/updater/install", null);
        fixture.Releases.Feed = null;
        var missing = await Client.PostAsync("/api/updater/check", null);
        fixture.Releases.Feed = """{"channels":{"stable":{"version":"nine","asset_url":"a","sha256":"00"}}}""";
        var malformed = await Client.PostAsync("/api/updater/check", null);
        fixture.Releases.Feed = """{"channels":{"stable":{"version":"v9.9.9","asset_url":"file:///etc/passwd","sha256":"%%"}}}""";
        var unsafeUrl = await Client.PostAsync("/api/updater/install", null);

        Assert.Equal(HttpStatusCode.Conflict, same.StatusCode);
        Assert.Contains("no newer release", await ErrorAsync(same));
        Assert.Equal(HttpStatusCode.BadGateway, missing.StatusCode);
        Assert.Contains("404", await ErrorAsync(missing));
        Assert.Equal(HttpStatusCode.BadGateway, malformed.StatusCode);
        Assert.Contains("not a semantic version", await ErrorAsync(malformed));
        Assert.Equal(HttpStatusCode.BadGateway, unsafeUrl.StatusCode);
        Assert.Contains("http or https", await ErrorAsync(unsafeUrl));
    }

    [Fact]
    public async Task The_client_face_is_served_at_api_when_so_configured()
    {
        var version = await Client.GetFromJsonAsync<JsonObject>("/api/version");
        var limits = await Client.GetAsync("/api/settings/limits");

        Assert.Matches(@"^v\d+\.\d+\.\d+$", (string)version!["version"]!);
        Assert.Equal(HttpStatusCode.OK, limits.StatusCode);
    }
}
