using System.Text.Json.Nodes;

namespace Swarmgrid.WebFront.Tests;

/// <summary>
/// <c>/openapi/v1.json</c> describes every REST route of the faces: its request body, its success answer and its problem
/// answers, so clients can be generated from it.
/// </summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class OpenApiDocumentTests(EmbeddedSiloFixture fixture)
{
    private static readonly string[] FacePrefixes = ["/api/v1", "/api", "/client/api", "/api/registry", "/transmission"];

    /// <summary>Routes that take no body at all: the caller and the path say everything.</summary>
    private static readonly HashSet<string> Bodiless =
    [
        "POST /api/v1/auth/mfa/setup",
        "POST /api/v1/auth/mfa/totp/setup",
        "POST /client/api/logout",
        "PUT /api/notifications/{id}/read",
        "POST /api/seed-demo",
        "POST /client/api/torrents/{id}/pause",
        "POST /client/api/torrents/{id}/resume",
        "POST /client/api/torrents/{id}/recheck",
        "POST /client/api/inspector/clear",
        "POST /client/api/settings/alt_speed/toggle",
        "POST /client/api/updater/check",
        "POST /client/api/updater/install",
        "POST /client/api/settings/web/api_key/rotate",
        "POST /client/api/feeds/{id}/refresh",
        "POST /client/api/settings/blocklist/refresh",
        "POST /api/v2/auth/logout",
    ];

    /// <summary>Transmission's RPC answers a bad request 200 with the reason as its <c>result</c>, never a 400.</summary>
    private const string ResultInBody = "POST /transmission/rpc";

    /// <summary>A browser form post answered with a redirect.</summary>
    private const string Redirecting = "POST /api/v1/auth/login-form";

    private async Task<IReadOnlyList<(string Route, JsonObject Operation)>> FaceOperationsAsync()
    {
        var paths = JsonNode.Parse(await fixture.Client.GetStringAsync("/openapi/v1.json"))!["paths"]!.AsObject();
        return paths
            .Where(path => FacePrefixes.Any(prefix => path.Key == prefix || path.Key.StartsWith(prefix + "/", StringComparison.Ordinal)))
            .SelectMany(path => path.Value!.AsObject()
                .Where(operation => operation.Key is "get" or "post" or "put" or "delete" or "patch")
                .Select(operation => ($"{operation.Key.ToUpperInvariant()} {path.Key}", operation.Value!.AsObject())))
            .ToList();
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Responses(JsonObject operation, char statusClass) =>
        operation["responses"]!.AsObject().Where(response => response.Key[0] == statusClass);

    [Fact]
    public async Task EveryFaceRoute_IsInTheDocument()
    {
        var routes = (await FaceOperationsAsync()).Select(operation => operation.Route).ToList();

        Assert.True(routes.Count >= 50, $"only {routes.Count} face routes documented");
        foreach (var route in new[] { "POST /api/v1/auth/login", "POST /client/api/login", "PUT /api/settings/overrides/{key}", "POST /api/registry", "GET /api/tracker/users/{userId}",
            "POST /transmission/rpc",
            "POST /api/v2/auth/login", "POST /api/v2/torrents/add", "GET /api/v2/torrents/info", "GET /api/v2/sync/maindata" })
        {
            Assert.Contains(route, routes);
        }
    }

    [Fact]
    public async Task EveryOperation_DescribesItsSuccessAnswer()
    {
        foreach (var (route, operation) in await FaceOperationsAsync())
        {
            if (route == Redirecting)
            {
                Assert.True(Responses(operation, '3').Any(), $"{route} declares no redirect");
                continue;
            }
            var success = Responses(operation, '2').ToList();
            Assert.True(success.Count > 0, $"{route} declares no 2xx answer");
            if (success.All(response => response.Key == "204"))
            {
                continue;
            }
            var content = success.Select(response => response.Value!["content"]?.AsObject()).Where(media => media is { Count: > 0 }).ToList();
            Assert.True(content.Count > 0, $"{route} declares no content type for its 2xx answer");
            foreach (var media in content.SelectMany(media => media!).Where(media => media.Key.EndsWith("json", StringComparison.Ordinal)))
            {
                Assert.True(media.Value!["schema"] is not null, $"{route} declares {media.Key} without a schema");
            }
        }
    }

    [Fact]
    public async Task EveryPostAndPut_DeclaresItsBody_AndJsonBodiesTheirProblemAnswers()
    {
        foreach (var (route, operation) in await FaceOperationsAsync())
        {
            if (!route.StartsWith("POST ", StringComparison.Ordinal) && !route.StartsWith("PUT ", StringComparison.Ordinal) || Bodiless.Contains(route))
            {
                continue;
            }
            var content = operation["requestBody"]?["content"]?.AsObject();
            Assert.True(content is { Count: > 0 }, $"{route} declares no request body");
            Assert.All(content!, media => Assert.True(media.Value!["schema"] is not null, $"{route} declares {media.Key} without a schema"));
            if (content!.ContainsKey("application/json") && route != ResultInBody)
            {
                var problems = Responses(operation, '4').Where(response => response.Value!["content"]?["application/problem+json"] is not null).Select(response => response.Key);
                Assert.Contains("400", problems);
            }
        }
    }

    [Fact]
    public async Task AnswersWithTwoShapes_ListBoth_AndBinaryAnswersTheirContentType()
    {
        var operations = (await FaceOperationsAsync()).ToDictionary(operation => operation.Route, operation => operation.Operation);

        var login = operations["POST /api/v1/auth/login"]["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["anyOf"]!.AsArray();
        var verify400 = operations["POST /api/v1/auth/mfa/verify"]["responses"]!["400"]!["content"]!.AsObject();
        var torrent = operations["GET /api/registry/torrent"]["responses"]!["200"]!["content"]!.AsObject();

        Assert.Equal(["#/components/schemas/MfaChallengeResponse", "#/components/schemas/TokenResponse"], login.Select(schema => (string?)schema!["$ref"]).Order());
        Assert.Equal(["application/json", "application/problem+json"], verify400.Select(media => media.Key).Order());
        Assert.Equal(["application/x-bittorrent"], torrent.Select(media => media.Key));
    }
}
