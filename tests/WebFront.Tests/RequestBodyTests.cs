using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Swarmgrid.WebFront.Tests;

/// <summary>
/// How every face binds what it is sent: body limits, fields of the wrong type, the two spellings the platform seed's
/// settings accept, query parameters checked once.
/// </summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class RequestBodyTests(EmbeddedSiloFixture fixture)
{
    private HttpClient Client => fixture.Client;

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string body, string contentType = "application/json") =>
        Client.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, contentType) });

    private static async Task<string?> ErrorAsync(HttpResponseMessage response) =>
        (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"];

    [Theory]
    [InlineData("PUT", "/api/v1/security")]
    [InlineData("POST", "/api/v1/users")]
    [InlineData("POST", "/api/v1/auth/login")]
    [InlineData("PUT", "/client/api/settings/web")]
    public async Task ABodyOver64KiB_Is413WithAJsonError(string method, string path)
    {
        var response = await SendAsync(new HttpMethod(method), path, "{\"padding\": \"" + new string('x', 70 * 1024) + "\"}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request body exceeds 65536 bytes", await ErrorAsync(response));
    }

    [Fact]
    public async Task ABodyWithoutALength_IsCutOffAtTheLimit_AndStillAnswered413()
    {
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/security/password-policy")
        {
            Content = new StringContent("{\"padding\": \"" + new string('x', 200 * 1024) + "\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.TransferEncodingChunked = true;

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request body exceeds 65536 bytes", await ErrorAsync(response));
    }

    [Fact]
    public async Task ABodyThatIsNotJson_Is415WithAJsonError()
    {
        var response = await SendAsync(HttpMethod.Put, "/api/v1/security/password-policy", "{\"min_length\": 12}", "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("send the body as application/json", await ErrorAsync(response));
    }

    [Theory]
    [InlineData("""{"port": "8081"}""", "port must be an integer")]
    [InlineData("""{"enabled": "yes"}""", "enabled must be true or false")]
    [InlineData("""{"username": 7}""", "username must be a string")]
    [InlineData("""{"port": 70000}""", "port must be from 1 to 65535")]
    public async Task AFieldOfTheWrongType_Is400NamingIt_AndChangesNothing(string body, string error)
    {
        var before = await Client.GetStringAsync("/client/api/settings/web");

        var response = await SendAsync(HttpMethod.Put, "/client/api/settings/web", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, await ErrorAsync(response));
        Assert.Equal(before, await Client.GetStringAsync("/client/api/settings/web"));
    }

    [Fact]
    public async Task SecuritySettings_TakeBothSpellings_PascalCaseFirst_AndAnswerInCamelCase()
    {
        var current = JsonNode.Parse(await Client.GetStringAsync("/api/v1/security"))!.AsObject();
        var hours = (int)current["sessionLifetimeHours"]!;
        var minutes = (int)current["accessTokenMinutes"]!;

        var both = await Client.PutAsJsonAsync("/api/v1/security", new Dictionary<string, object>
        {
            ["SessionLifetimeHours"] = hours, ["session_lifetime_hours"] = 99999, ["access_token_minutes"] = minutes,
        });
        var outOfRange = await Client.PutAsJsonAsync("/api/v1/security", new { session_lifetime_hours = 0 });
        var lowerCamel = await Client.PutAsJsonAsync("/api/v1/security", new { sessionLifetimeHours = 0 });
        var body = JsonNode.Parse(await both.Content.ReadAsStringAsync())!.AsObject();

        Assert.Equal(HttpStatusCode.OK, both.StatusCode);
        Assert.Equal(["sessionLifetimeHours", "accessTokenMinutes", "refreshTokenDays", "registrationEnabled", "requireMfaForAdmins"], body.Select(p => p.Key));
        Assert.Equal((hours, minutes), ((int)body["sessionLifetimeHours"]!, (int)body["accessTokenMinutes"]!));
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        Assert.Equal("lifetimes out of range", await ErrorAsync(outOfRange));
        // Neither of the accepted spellings: ignored, as before.
        Assert.Equal(HttpStatusCode.OK, lowerCamel.StatusCode);
        Assert.Equal(hours, (int)JsonNode.Parse(await lowerCamel.Content.ReadAsStringAsync())!["sessionLifetimeHours"]!);
    }

    [Fact]
    public async Task PasswordPolicy_TakesBothSpellings_AndChecksTheLengthOnce()
    {
        var minLength = (int)JsonNode.Parse(await Client.GetStringAsync("/api/v1/security/password-policy"))!["minLength"]!;

        var both = await Client.PutAsJsonAsync("/api/v1/security/password-policy", new Dictionary<string, object> { ["MinLength"] = minLength, ["min_length"] = 3 });
        var tooShort = await Client.PutAsJsonAsync("/api/v1/security/password-policy", new { min_length = 3 });

        Assert.Equal(HttpStatusCode.OK, both.StatusCode);
        Assert.Equal(["minLength", "requireUppercase", "requireLowercase", "requireDigit", "requireSymbol"],
            JsonNode.Parse(await both.Content.ReadAsStringAsync())!.AsObject().Select(p => p.Key));
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Equal("min_length must be from 8 to 256", await ErrorAsync(tooShort));
    }

    [Theory]
    [InlineData("""{"block": ["not-an-ip"]}""")]
    [InlineData("""{"allow": [null]}""")]
    [InlineData("""{"allow": "10.0.0.0/8"}""")]
    public async Task IpRules_OtherThanListsOfRanges_Are400(string body)
    {
        var response = await SendAsync(HttpMethod.Put, "/api/v1/security/ip-rules", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(await ErrorAsync(response));
    }

    [Theory]
    [InlineData("/api/v1/users?limit=0")]
    [InlineData("/api/v1/admin/users?limit=1001")]
    [InlineData("/api/v1/admin/audit?offset=-1")]
    [InlineData("/api/v1/users?limit=abc")]
    public async Task Paging_OutsideItsRange_Is400(string path)
    {
        var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(await ErrorAsync(response));
    }

    [Fact]
    public async Task Paging_WithinItsRange_AnswersThePageAndTheTotal()
    {
        var users = await Client.GetAsync("/api/v1/users?limit=1&offset=0");
        var audit = JsonNode.Parse(await Client.GetStringAsync("/api/v1/admin/audit?limit=2&offset=1"))!;

        Assert.Single((await users.Content.ReadFromJsonAsync<JsonArray>())!);
        Assert.True(int.Parse(users.Headers.GetValues("X-Total-Count").Single()) >= 1);
        Assert.Equal((2, 1), ((int)audit["limit"]!, (int)audit["offset"]!));
        Assert.Equal(["items", "total", "limit", "offset"], audit.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task RegistrySearch_ClampsItsLimit_AsTheTrackerSeedDoes()
    {
        var zero = await Client.GetAsync("/api/registry/search?limit=0");
        var large = await Client.GetAsync("/api/registry/search?limit=5000");

        Assert.Equal(HttpStatusCode.OK, zero.StatusCode);
        Assert.True((await zero.Content.ReadFromJsonAsync<JsonArray>())!.Count <= 1);
        Assert.Equal(HttpStatusCode.OK, large.StatusCode);
    }

    [Fact]
    public async Task RegistryHashes_AreTrimmedAndCaseFolded_OnEveryRoute()
    {
        var hash = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        await Client.PostAsJsonAsync("/api/registry", new { info_hash = $" {hash.ToUpperInvariant()} ", name = "Folded" });

        var entry = await Client.GetFromJsonAsync<JsonObject>($"/api/registry?info_hash={hash.ToUpperInvariant()}");
        var tooLong = await Client.GetAsync($"/api/registry/meta?info_hash={new string('a', 65)}");
        var deleted = await Client.DeleteAsync($"/api/registry?info_hash=%20{hash.ToUpperInvariant()}");

        Assert.Equal(hash, (string?)entry!["info_hash"]);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("info_hash must be hexadecimal, at most 64 digits", await ErrorAsync(tooLong));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/registry?info_hash={hash}")).StatusCode);
    }

    [Fact]
    public async Task Registration_WhileOff_Is403_EvenForABodyThatWouldNotPassItsChecks()
    {
        using var anonymous = fixture.Anonymous();

        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email = "not-an-email" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("{\"error\":\"registration is disabled\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Logout_TakesAnOptionalBody_NamingAFamilyToEnd()
    {
        var (_, email) = await Users.CreateAsync(Client, "viewer");
        using var client = fixture.Anonymous();
        var first = await Users.LoginAsync(client, email);
        var second = await Users.LoginAsync(client, email);

        var logout = await client.SendAsync(Users.Bearer(HttpMethod.Post, "/api/v1/auth/logout", (string)first["access_token"]!,
            new { refresh_token = (string)second["refresh_token"]! }));
        var secondRefresh = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = (string)second["refresh_token"]! });

        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, secondRefresh.StatusCode);
    }
}
