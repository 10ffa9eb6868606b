using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Swarmgrid.WebFront.Tests;

/// <summary>The client (Mosaic) face's login, cookie, OriginGuard and web settings.</summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class ClientFaceTests(EmbeddedSiloFixture fixture)
{
    private async Task<(HttpClient Browser, string Email)> SignedInAdminAsync()
    {
        var (_, email) = await Users.CreateAsync(fixture.Client, "admin");
        var browser = fixture.Anonymous(cookies: true);
        var login = await browser.PostAsJsonAsync("/client/api/login", new { username = email, password = Users.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (browser, email);
    }

    [Fact]
    public async Task Login_SetsAnHttpOnlyStrictSessionCookie_AndAnswersOk()
    {
        var (_, email) = await Users.CreateAsync(fixture.Client, "viewer");
        using var client = fixture.Anonymous();

        var response = await client.PostAsJsonAsync("/client/api/login", new { username = email, password = Users.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((bool)(await response.Content.ReadFromJsonAsync<JsonObject>())!["ok"]!);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mosaic_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Login_WrongPasswordOrBadBody_IsRefusedAsTheSeedSays()
    {
        using var client = fixture.Anonymous();

        var wrong = await client.PostAsJsonAsync("/client/api/login", new { username = EmbeddedSiloFixture.AdminUser, password = "nope" });
        var malformed = await client.PostAsync("/client/api/login", new StringContent("{oops", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("{\"error\":\"invalid credentials\"}", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task OriginGuard_RefusesAForeignOrigin_AndLetsHeaderlessClientsThrough()
    {
        var (browser, _) = await SignedInAdminAsync();
        using (browser)
        {
            var foreign = new HttpRequestMessage(HttpMethod.Put, "/client/api/settings/web") { Content = JsonContent.Create(new { port = 8081 }) };
            foreign.Headers.Add("Origin", "https://evil.example");
            var foreignReferer = new HttpRequestMessage(HttpMethod.Put, "/client/api/settings/web") { Content = JsonContent.Create(new { port = 8081 }) };
            foreignReferer.Headers.Add("Referer", "https://evil.example/page");
            var same = new HttpRequestMessage(HttpMethod.Put, "/client/api/settings/web") { Content = JsonContent.Create(new { port = 8082 }) };
            same.Headers.Add("Origin", fixture.BaseAddress.GetLeftPart(UriPartial.Authority));

            Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(foreign)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(foreignReferer)).StatusCode);
            Assert.Equal(8080, (int)(await browser.GetFromJsonAsync<JsonObject>("/client/api/settings/web"))!["port"]!);
            Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(same)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.PutAsJsonAsync("/client/api/settings/web", new { port = 8080 })).StatusCode);
        }
    }

    [Fact]
    public async Task ApiKeyRotation_GivesA32ByteUrlSafeKey_ThatWorks_AndRetiresTheLastOne()
    {
        var (browser, _) = await SignedInAdminAsync();
        using (browser)
        {
            var first = (string)(await (await browser.PostAsync("/client/api/settings/web/api_key/rotate", null)).Content.ReadFromJsonAsync<JsonObject>())!["api_key"]!;
            var second = (string)(await (await browser.PostAsync("/client/api/settings/web/api_key/rotate", null)).Content.ReadFromJsonAsync<JsonObject>())!["api_key"]!;
            var web = await browser.GetFromJsonAsync<JsonObject>("/client/api/settings/web");
            using var bearer = fixture.Anonymous();

            Assert.Matches("^[A-Za-z0-9_-]{43}$", first);
            Assert.Equal(32, Convert.FromBase64String(second.Replace('-', '+').Replace('_', '/') + "=").Length);
            Assert.Equal(second, (string?)web!["api_key"]);
            Assert.Equal(["enabled", "port", "bind_all", "username", "api_key"], web.Select(p => p.Key));
            Assert.Equal(HttpStatusCode.OK, (await bearer.SendAsync(Users.Bearer(HttpMethod.Get, "/api/me", second))).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.SendAsync(Users.Bearer(HttpMethod.Get, "/api/me", first))).StatusCode);
        }
    }

    [Fact]
    public async Task PasswordChange_RevokesEverySession()
    {
        var (browser, email) = await SignedInAdminAsync();
        using var otherBrowser = fixture.Anonymous(cookies: true);
        await otherBrowser.PostAsJsonAsync("/client/api/login", new { username = email, password = Users.Password });
        using (browser)
        {
            var changed = await browser.PutAsJsonAsync("/client/api/settings/web/password", new { password = "the-new-password-123" });

            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await otherBrowser.GetAsync("/client/api/settings/web")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await fixture.Anonymous().PostAsJsonAsync("/client/api/login",
                new { username = email, password = "the-new-password-123" })).StatusCode);
        }
    }
}
