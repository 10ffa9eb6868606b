using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Swarmgrid.WebFront.Tests;

[Collection(EmbeddedSiloCollection.Name)]
public sealed class RegistryApiTests(EmbeddedSiloFixture fixture)
{
    private HttpClient Client => fixture.Client;

    private static string NewHash() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray());

    private Task<HttpResponseMessage> PostJsonAsync(string body) =>
        Client.PostAsync("/api/registry", new StringContent(body, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Post_ThenGet_ReturnsTheEntryInTheSeedsShape()
    {
        var hash = NewHash();

        var created = await Client.PostAsJsonAsync("/api/registry", new
        {
            info_hash = hash.ToUpperInvariant(), name = "Climate dataset", description = "2026", publisher = "lab",
            license = "CC-BY-4.0", size = 236936515, category = "datasets", tags = "climate,2026",
        });
        var entry = (await Client.GetFromJsonAsync<JsonObject>($"/api/registry?info_hash={hash}"))!;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("created", (string?)(await created.Content.ReadFromJsonAsync<JsonObject>())!["status"]);
        Assert.Equal(["info_hash", "name", "verified", "completions", "description", "publisher", "license", "size", "category", "tags", "seeders", "leechers"],
            entry.Select(p => p.Key));
        Assert.Equal((hash, "Climate dataset", false, 0, 236936515L), ((string?)entry["info_hash"], (string?)entry["name"],
            (bool)entry["verified"]!, (int)entry["completions"]!, (long)entry["size"]!));
    }

    [Fact]
    public async Task Post_AgainForTheSameHash_Updates_AndLeavesOutUnsetFields()
    {
        var hash = NewHash();
        await Client.PostAsJsonAsync("/api/registry", new { info_hash = hash, name = "First", category = "models" });

        var again = await Client.PostAsJsonAsync("/api/registry", new { info_hash = hash, name = "Second" });
        var entry = (await Client.GetFromJsonAsync<JsonObject>($"/api/registry?info_hash={hash}"))!;

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("Second", (string?)entry["name"]);
        Assert.False(entry.ContainsKey("category"));
    }

    [Theory]
    [InlineData("""{"name":"x"}""", "missing info_hash")]
    [InlineData("""{"info_hash":"abc"}""", "missing name")]
    [InlineData("""{"info_hash":"xyz","name":"x"}""", "hexadecimal")]
    [InlineData("""{"info_hash":"abc","name":"x","size":"big"}""", "size must be a non-negative integer")]
    [InlineData("""{"info_hash":"abc","name":"x","size":-1}""", "size must be a non-negative integer")]
    [InlineData("""{"info_hash":"abc","name":7}""", "name must be a string")]
    [InlineData("""{"info_hash":"abc","name":"x","v1_info_hash":"abc"}""", "v1_info_hash")]
    [InlineData("""{"info_hash":"abc", """, "not valid JSON")]
    [InlineData("""["abc"]""", "JSON object")]
    public async Task Post_BadBody_Returns400WithTheReason(string body, string reason)
    {
        var response = await PostJsonAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]);
    }

    [Fact]
    public async Task Post_BodyOverOneMegabyte_IsRejected()
    {
        var response = await PostJsonAsync($$"""{"info_hash":"abc","name":"x","description":"{{new string('d', 1_100_000)}}"}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Get_WithoutOrWithAnUnknownHash_Is400Or404()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.GetAsync("/api/registry")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/registry?info_hash={NewHash()}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.GetAsync("/api/registry/torrent")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/registry/torrent?info_hash={NewHash()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/registry/meta?info_hash={NewHash()}")).StatusCode);
    }

    [Fact]
    public async Task Search_FiltersAndPages_WithXTotalCount()
    {
        var tag = "tag" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 3; i++)
        {
            await Client.PostAsJsonAsync("/api/registry", new { info_hash = NewHash(), name = $"Weights {i}", category = "models", tags = $"llm,{tag}" });
        }

        var page = await Client.GetAsync($"/api/registry/search?tags={tag}&limit=2&offset=1&sort=completions");
        var items = (await page.Content.ReadFromJsonAsync<JsonArray>())!;
        var none = await Client.GetFromJsonAsync<JsonArray>($"/api/registry/search?q={tag}-nothing");
        var badSort = await Client.GetAsync("/api/registry/search?sort=name");
        var badLimit = await Client.GetAsync("/api/registry/search?limit=-3");

        Assert.Equal("3", page.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(2, items.Count);
        Assert.All(items, item => Assert.Equal("models", (string?)item!["category"]));
        Assert.Empty(none!);
        Assert.Equal(HttpStatusCode.BadRequest, badSort.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }

    [Fact]
    public async Task Delete_RemovesTheEntry_AndNeedsAHash()
    {
        var hash = NewHash();
        await Client.PostAsJsonAsync("/api/registry", new { info_hash = hash, name = "Doomed" });

        var deleted = await Client.DeleteAsync($"/api/registry?info_hash={hash}&reason=dmca");
        var missing = await Client.DeleteAsync("/api/registry");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal("deleted", (string?)(await deleted.Content.ReadFromJsonAsync<JsonObject>())!["status"]);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/registry?info_hash={hash}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Fact]
    public async Task TorrentUpload_FillsTheEntry_AndServesTheFileAndItsMeta()
    {
        var torrent = TorrentFixtures.SingleFileV1("model.bin", 40_000, out var infoHash);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(torrent), "torrent", "model.torrent" },
            { new StringContent("models"), "category" },
        };

        var uploaded = await Client.PostAsync("/api/registry/torrent", form);
        var entry = (await Client.GetFromJsonAsync<JsonObject>($"/api/registry?info_hash={infoHash}"))!;
        var file = await Client.GetAsync($"/api/registry/torrent?info_hash={infoHash}");
        var meta = (await Client.GetFromJsonAsync<JsonObject>($"/api/registry/meta?info_hash={infoHash}"))!;

        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        Assert.Equal(("model.bin", "models", 40_000L), ((string?)entry["name"], (string?)entry["category"], (long)entry["size"]!));
        Assert.Equal("application/x-bittorrent", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal(torrent, await file.Content.ReadAsByteArrayAsync());
        Assert.Equal(["name", "piece_length", "piece_count", "total_size", "files"], meta.Select(p => p.Key));
        Assert.Equal((16384, 3, 40_000L), ((int)meta["piece_length"]!, (int)meta["piece_count"]!, (long)meta["total_size"]!));
    }

    [Fact]
    public async Task TorrentUpload_NotATorrent_Is400()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent("d4:spami1e"u8.ToArray()), "torrent", "x.torrent" } };

        var response = await Client.PostAsync("/api/registry/torrent", form);
        var notMultipart = await PostJsonAsync("{}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a valid torrent", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]);
        Assert.Equal(HttpStatusCode.BadRequest, notMultipart.StatusCode);
    }
}
