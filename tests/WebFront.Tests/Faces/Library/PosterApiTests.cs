using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Swarmgrid.WebFront.Tests;

/// <summary><c>GET /api/poster/{tmdb_id}</c> against a fake TMDB on loopback: hits, misses, upstream errors, a slow upstream, the cache.</summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class PosterApiTests(EmbeddedSiloFixture fixture)
{
    private HttpClient Admin => fixture.Client;

    [Fact]
    public async Task A_known_movie_gets_its_poster_url_and_a_second_ask_is_answered_from_the_cache()
    {
        var first = await Admin.GetFromJsonAsync<JsonObject>("/api/poster/550");
        var second = await Admin.GetFromJsonAsync<JsonObject>("/api/poster/550?media_type=movie");
        var tv = await Admin.GetFromJsonAsync<JsonObject>("/api/poster/1399?media_type=tv");

        Assert.Equal("""{"tmdb_id":"550","media_type":"movie","poster_url":"https://image.tmdb.org/t/p/w500/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg"}""", first!.ToJsonString());
        Assert.Equal(first.ToJsonString(), second!.ToJsonString());
        Assert.Equal(1, fixture.Tmdb.RequestsFor("movie", "550"));
        Assert.EndsWith("/1XS1oqL89opfnbLl8WnZY1O1uJx.jpg", (string?)tv!["poster_url"]);
    }

    [Fact]
    public async Task An_unknown_id_is_404_and_remembered()
    {
        var first = await Admin.GetAsync("/api/poster/424242");
        var second = await Admin.GetAsync("/api/poster/424242");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (first.StatusCode, second.StatusCode));
        Assert.Equal("application/problem+json", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, fixture.Tmdb.RequestsFor("movie", "424242"));
    }

    [Theory]
    [InlineData("/api/poster/500")]
    [InlineData("/api/poster/777?media_type=tv")]
    public async Task An_upstream_error_or_a_slow_upstream_is_502_and_not_cached(string path)
    {
        var first = await Admin.GetAsync(path);
        var second = await Admin.GetAsync(path);

        Assert.Equal((HttpStatusCode.BadGateway, HttpStatusCode.BadGateway), (first.StatusCode, second.StatusCode));
        Assert.Equal("application/problem+json", first.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/poster/550?media_type=book")]
    [InlineData("/api/poster/abc")]
    [InlineData("/api/poster/12345678901234")]
    public async Task Bad_ids_and_media_types_are_400(string path)
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task The_api_key_is_never_in_the_logs()
    {
        await Admin.GetAsync("/api/poster/500");
        await Admin.GetAsync("/api/poster/31337");
        await Task.Delay(300);

        Assert.DoesNotContain(FakeTmdbServer.ApiKey, fixture.Output);
    }
}
