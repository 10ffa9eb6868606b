using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Swarmgrid.WebFront.Tests;

/// <summary>Health, metrics and API documentation routes.</summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class OperationsApiTests(EmbeddedSiloFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task TrackerHealth_IsPlainTextOk()
    {
        var response = await Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("OK", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LibraryHealthz_HasStatusAndIsoTimestamp()
    {
        var body = JsonNode.Parse(await Client.GetStringAsync("/healthz"))!.AsObject();

        Assert.Equal(["status", "ts"], body.Select(p => p.Key));
        Assert.Equal("ok", (string?)body["status"]);
        var ts = DateTimeOffset.ParseExact((string)body["ts"]!, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal);
        Assert.InRange(ts, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task PlatformHealth_NamesServiceAndVersion()
    {
        var body = JsonNode.Parse(await Client.GetStringAsync("/api/v1/health"))!;

        Assert.Equal("healthy", (string?)body["status"]);
        Assert.Equal("swarmgrid", (string?)body["service"]);
        Assert.Matches(@"^\d+\.\d+\.\d+", (string?)body["version"]);
    }

    [Fact]
    public async Task Metrics_ExposeProcessHttpAndOrleansFigures()
    {
        await Client.GetAsync("/api/settings");

        var response = await Client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"(?m)^process_cpu_seconds_total \d", text);
        Assert.Matches(@"(?m)^http_requests_received_total\{.*endpoint=""/api/settings/?"".*\} [1-9]", text);
        Assert.Matches(@"(?m)^microsoft_orleans_orleans_catalog_activations(\{.*\})? [1-9]", text);
        Assert.DoesNotContain("private_internaldiagnostics", text);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesEveryRoute()
    {
        var paths = JsonNode.Parse(await Client.GetStringAsync("/openapi/v1.json"))!["paths"]!.AsObject();

        foreach (var path in new[] { "/health", "/healthz", "/api/v1/health", "/api/settings", "/api/settings/overrides/{key}", "/api/settings/audit" })
        {
            Assert.True(paths.ContainsKey(path), $"{path} is missing from the OpenAPI document");
        }
        Assert.NotNull(paths["/api/settings/overrides/{key}"]!["put"]);
        Assert.NotNull(paths["/api/settings/overrides/{key}"]!["delete"]);
    }

    [Fact]
    public async Task Docs_ServeTheInteractiveReference()
    {
        var response = await Client.GetAsync("/docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync());
    }
}
