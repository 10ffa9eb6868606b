using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Swarmgrid.WebFront.Tests;

/// <summary><c>POST /api/graphql</c>: queries over the library, the depth limit, and errors in the standard envelope.</summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class LibraryGraphQlTests(EmbeddedSiloFixture fixture)
{
    private HttpClient Admin => fixture.Client;

    [Fact]
    public async Task Torrents_and_one_torrent_with_files_and_evidence_come_back_as_data()
    {
        var word = "g" + Guid.NewGuid().ToString("N")[..10];
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(TorrentFixtures.SingleFileV1($"{word}.dataset.parquet", 10_000, out var infoHash)), "torrent", "d.torrent" },
        };
        Assert.Equal(HttpStatusCode.Created, (await Admin.PostAsync("/api/registry/torrent", form)).StatusCode);
        JsonNode? listed = null;
        for (var i = 0; i < 100 && listed is null; i++)
        {
            var page = await QueryAsync("query($q: String) { torrents(q: $q, limit: 10) { info_hash title content_type } }", new { q = word });
            listed = page["data"]!["torrents"]!.AsArray().SingleOrDefault();
            await Task.Delay(listed is null ? 100 : 0);
        }

        var one = await QueryAsync($$"""{ torrent(infoHash: "{{infoHash}}") { info_hash size_bytes magnet_uri files { path size_bytes } evidence { id source torrent { title } } } stats { totalTorrents } }""");

        Assert.Equal((infoHash, "dataset"), ((string?)listed!["info_hash"], (string?)listed["content_type"]));
        Assert.Null(one["errors"]);
        var torrent = one["data"]!["torrent"]!;
        Assert.Equal(10_000L, (long)torrent["size_bytes"]!);
        Assert.Equal($"{word}.dataset.parquet", (string?)torrent["files"]![0]!["path"]);
        Assert.Equal("registry", (string?)torrent["evidence"]![0]!["source"]);
        Assert.Equal((string?)listed["title"], (string?)torrent["evidence"]![0]!["torrent"]!["title"]);
        Assert.True((long)one["data"]!["stats"]!["totalTorrents"]! >= 1);
        Assert.Null((await QueryAsync($$"""{ torrent(infoHash: "{{new string('0', 40)}}") { title } }"""))["data"]!["torrent"]);
    }

    [Fact]
    public async Task A_too_deep_query_is_refused_with_an_error_and_no_data()
    {
        var nested = "title";
        for (var level = 0; level < 8; level++)
        {
            nested = $"evidence {{ torrent {{ {nested} }} }}";
        }
        var deep = $"{{ torrents {{ {nested} }} }}";

        var answer = await QueryAsync(deep);

        Assert.Null(answer["data"]);
        Assert.Contains("depth", (string?)answer["errors"]![0]!["message"], StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("{ torrents { title ")]
    [InlineData("{ nothing }")]
    [InlineData("{ torrents(limit: 0) { title } }")]
    [InlineData("{ torrents(limit: \"ten\") { title } }")]
    public async Task A_malformed_or_invalid_document_answers_the_errors_envelope(string query)
    {
        var answer = await QueryAsync(query);

        Assert.NotEmpty(answer["errors"]!.AsArray());
        Assert.All(answer["errors"]!.AsArray(), error => Assert.False(string.IsNullOrEmpty((string?)error!["message"])));
    }

    [Theory]
    [InlineData("""{"variables":{}}""")]
    [InlineData("""{"query":"{ stats { totalTorrents } }","variables":[1]}""")]
    [InlineData("""{"query": 5}""")]
    [InlineData("""not json""")]
    public async Task A_body_that_is_no_graphql_request_is_400(string body)
    {
        var response = await Admin.PostAsync("/api/graphql", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_are_401()
    {
        using var anonymous = fixture.Anonymous();

        var response = await anonymous.PostAsJsonAsync("/api/graphql", new { query = "{ stats { totalTorrents } }" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<JsonNode> QueryAsync(string query, object? variables = null)
    {
        var response = await Admin.PostAsJsonAsync("/api/graphql", new { query, variables });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
