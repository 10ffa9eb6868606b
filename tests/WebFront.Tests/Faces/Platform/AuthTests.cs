using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Swarmgrid.WebFront.Tests;

[Collection(EmbeddedSiloCollection.Name)]
public sealed class AuthTests(EmbeddedSiloFixture fixture)
{
    [Theory]
    [InlineData("GET", "/api/settings")]
    [InlineData("GET", "/api/me")]
    [InlineData("GET", "/api/v1/auth/me")]
    [InlineData("GET", "/api/v1/users")]
    [InlineData("GET", "/api/v1/security/api-keys")]
    [InlineData("GET", "/client/api/settings/web")]
    public async Task ProtectedRoutes_WithoutCredentials_Are401(string method, string path)
    {
        using var anonymous = fixture.Anonymous();

        var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]);
    }

    [Fact]
    public async Task Me_ReportsHowTheCallerSignedIn()
    {
        using var cookies = fixture.Anonymous(cookies: true);
        var (_, email) = await Users.CreateAsync(fixture.Client, "viewer");
        var login = await Users.LoginAsync(cookies, email);
        var key = await (await fixture.Client.SendAsync(Users.Bearer(HttpMethod.Post, "/api/v1/security/api-keys", (string)login["access_token"]!, new { name = "me" })))
            .Content.ReadFromJsonAsync<JsonObject>();

        var bySession = await cookies.GetFromJsonAsync<JsonObject>("/api/me");
        var byJwt = await (await fixture.Anonymous().SendAsync(Users.Bearer(HttpMethod.Get, "/api/me", (string)login["access_token"]!))).Content.ReadFromJsonAsync<JsonObject>();
        var byKey = await (await fixture.Anonymous().SendAsync(Users.Bearer(HttpMethod.Get, "/api/me", (string)key!["key"]!))).Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(["id", "method", "display"], bySession!.Select(p => p.Key));
        Assert.Equal(("session", "jwt", "api_key"), ((string?)bySession!["method"], (string?)byJwt!["method"], (string?)byKey!["method"]));
        Assert.Equal((string?)login["user"]!["id"], (string?)byKey!["id"]);
    }

    [Fact]
    public async Task Jwt_TamperedExpiredForAnotherAudienceOrWithoutALogin_Is401()
    {
        var (id, email) = await Users.CreateAsync(fixture.Client, "viewer");
        var valid = (string)(await Users.LoginAsync(fixture.Anonymous(), email))["access_token"]!;
        var login = Jwt.Claim(valid, "sid");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signedHere = Jwt.Sign(new { sub = id, sid = login, iss = "swarmgrid", aud = "swarmgrid", iat = now, nbf = now, exp = now + 300 }, EmbeddedSiloFixture.SigningKey);
        var tampered = valid[..^3] + (valid[^3] == 'A' ? "BBB" : "AAA");
        var expired = Jwt.Sign(new { sub = id, sid = login, iss = "swarmgrid", aud = "swarmgrid", iat = now - 900, nbf = now - 900, exp = now - 600 }, EmbeddedSiloFixture.SigningKey);
        var otherAudience = Jwt.Sign(new { sub = id, sid = login, iss = "swarmgrid", aud = "someone-else", iat = now, nbf = now, exp = now + 300 }, EmbeddedSiloFixture.SigningKey);
        var wrongKey = Jwt.Sign(new { sub = id, sid = login, iss = "swarmgrid", aud = "swarmgrid", iat = now, nbf = now, exp = now + 300 }, "another-key-of-at-least-32-bytes-long!");
        var withoutLogin = Jwt.Sign(new { sub = id, iss = "swarmgrid", aud = "swarmgrid", iat = now, nbf = now, exp = now + 300 }, EmbeddedSiloFixture.SigningKey);
        var unknownLogin = Jwt.Sign(new { sub = id, sid = "rtf_0000000000000000", iss = "swarmgrid", aud = "swarmgrid", iat = now, nbf = now, exp = now + 300 }, EmbeddedSiloFixture.SigningKey);
        var unsigned = Jwt.Unsigned(new { sub = id, sid = login, iss = "swarmgrid", aud = "swarmgrid", iat = now, nbf = now, exp = now + 300 });
        var emptyKey = Jwt.Sign(new { sub = id, sid = login, iss = "swarmgrid", aud = "swarmgrid", iat = now, nbf = now, exp = now + 300 }, "");
        using var client = fixture.Anonymous();

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Users.Bearer(HttpMethod.Get, "/api/v1/auth/me", valid))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Users.Bearer(HttpMethod.Get, "/api/v1/auth/me", signedHere))).StatusCode);
        foreach (var token in new[] { tampered, expired, otherAudience, wrongKey, withoutLogin, unknownLogin, unsigned, emptyKey })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Users.Bearer(HttpMethod.Get, "/api/v1/auth/me", token))).StatusCode);
        }
    }

    [Fact]
    public async Task RefreshToken_Rotates_AndReusingAnOldOne_RevokesTheFamily()
    {
        var (_, email) = await Users.CreateAsync(fixture.Client, "viewer");
        var login = await Users.LoginAsync(fixture.Anonymous(), email);
        var first = (string)login["refresh_token"]!;
        using var client = fixture.Anonymous();

        var rotated = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = first });
        var second = (string)(await rotated.Content.ReadFromJsonAsync<JsonObject>())!["refresh_token"]!;
        var replay = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = first });
        var afterReplay = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = second });
        var garbage = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = "nonsense" });

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterReplay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
    }

    [Fact]
    public async Task CookieStateChange_NeedsTheCsrfToken_AndChangesNothingWithoutIt()
    {
        var (_, email) = await Users.CreateAsync(fixture.Client, "operator");
        using var browser = fixture.Anonymous(cookies: true);
        await Users.LoginAsync(browser, email);
        var csrf = Browser.Cookies(browser)["csrf_token"];
        var before = await SettingValueAsync(browser, "global_upload_limit_kib");

        var missing = await browser.PutAsJsonAsync("/api/settings/overrides/global_upload_limit_kib", new { value = 777 });
        var mismatched = await Browser.SendAsync(browser, HttpMethod.Put, "/api/settings/overrides/global_upload_limit_kib", new { value = 777 }, ("X-CSRF-Token", "wrong"));
        var unchanged = await SettingValueAsync(browser, "global_upload_limit_kib");
        var matched = await Browser.SendAsync(browser, HttpMethod.Put, "/api/settings/overrides/global_upload_limit_kib", new { value = 777 }, ("X-CSRF-Token", csrf));

        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, mismatched.StatusCode);
        Assert.Equal(before, unchanged);
        Assert.Equal(HttpStatusCode.OK, matched.StatusCode);
    }

    [Fact]
    public async Task Roles_OperatorCannotAdminister_AndViewerCannotChangeState()
    {
        var (_, operatorEmail) = await Users.CreateAsync(fixture.Client, "operator");
        var (_, viewerEmail) = await Users.CreateAsync(fixture.Client, "viewer");
        var operatorToken = (string)(await Users.LoginAsync(fixture.Anonymous(), operatorEmail))["access_token"]!;
        var viewerToken = (string)(await Users.LoginAsync(fixture.Anonymous(), viewerEmail))["access_token"]!;
        using var client = fixture.Anonymous();

        var adminRoute = await client.SendAsync(Users.Bearer(HttpMethod.Get, "/api/v1/admin/users", operatorToken));
        var createUser = await client.SendAsync(Users.Bearer(HttpMethod.Post, "/api/v1/users", operatorToken, new { email = "x@example.test", password = Users.Password }));
        var viewerWrite = await client.SendAsync(Users.Bearer(HttpMethod.Put, "/api/settings/overrides/max_active_seeds", viewerToken, new { value = 1 }));
        var viewerRead = await client.SendAsync(Users.Bearer(HttpMethod.Get, "/api/settings", viewerToken));

        Assert.Equal(HttpStatusCode.Forbidden, adminRoute.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, createUser.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewerWrite.StatusCode);
        Assert.Equal(HttpStatusCode.OK, viewerRead.StatusCode);
    }

    [Fact]
    public async Task Mfa_LoginNeedsACode_WrongCodesFail_AndRecoveryCodesWorkOnce()
    {
        var (_, email) = await Users.CreateAsync(fixture.Client, "viewer");
        var token = (string)(await Users.LoginAsync(fixture.Anonymous(), email))["access_token"]!;
        using var client = fixture.Anonymous();
        var setup = await (await client.SendAsync(Users.Bearer(HttpMethod.Post, "/api/v1/auth/mfa/totp/setup", token))).Content.ReadFromJsonAsync<JsonObject>();
        var secret = (string)setup!["secret"]!;
        Assert.StartsWith("otpauth://totp/", (string?)setup["otpauth_url"]);
        Assert.StartsWith("data:image/png;base64,", (string?)setup["qr_code"]);
        var confirmed = await (await client.SendAsync(Users.Bearer(HttpMethod.Post, "/api/v1/auth/mfa/totp/confirm", token, new { code = Totp.Code(secret) })))
            .Content.ReadFromJsonAsync<JsonObject>();
        var recovery = confirmed!["recovery_codes"]!.AsArray().Select(c => (string)c!).ToList();
        // The confirmation spent the current step; the next one (allowed for clock drift) is still unused.
        var nextCode = Totp.Code(secret, DateTimeOffset.UtcNow.AddSeconds(30));

        var challenge = await Mfa.ChallengeAsync(client, email);
        var wrong = await client.PostAsJsonAsync("/api/v1/auth/mfa/verify", new { mfa_token = challenge, code = Mfa.WrongCode(secret) });
        var withCode = await client.PostAsJsonAsync("/api/v1/auth/mfa/verify", new { mfa_token = challenge, code = nextCode });
        var withRecovery = await client.PostAsJsonAsync("/api/v1/auth/mfa/verify", new { mfa_token = await Mfa.ChallengeAsync(client, email), recovery_code = recovery[0] });
        var recoveryAgain = await client.PostAsJsonAsync("/api/v1/auth/mfa/verify", new { mfa_token = await Mfa.ChallengeAsync(client, email), recovery_code = recovery[0] });
        var forgedChallenge = await client.PostAsJsonAsync("/api/v1/auth/mfa/verify", new { mfa_token = "a.b.c", code = Totp.Code(secret) });
        var plainLogin = await (await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Users.Password })).Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(10, recovery.Count);
        Assert.True((bool)plainLogin!["mfa_required"]!);
        Assert.False(plainLogin.ContainsKey("access_token"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
        Assert.NotNull((await withCode.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]);
        Assert.Equal(HttpStatusCode.OK, withRecovery.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, recoveryAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forgedChallenge.StatusCode);
    }

    [Fact]
    public async Task ApiKey_WorksUntilRevoked()
    {
        var (_, email) = await Users.CreateAsync(fixture.Client, "viewer");
        var token = (string)(await Users.LoginAsync(fixture.Anonymous(), email))["access_token"]!;
        using var client = fixture.Anonymous();
        var created = await (await client.SendAsync(Users.Bearer(HttpMethod.Post, "/api/v1/security/api-keys", token, new { name = "ci" })))
            .Content.ReadFromJsonAsync<JsonObject>();
        var key = (string)created!["key"]!;

        var before = await client.SendAsync(Users.Bearer(HttpMethod.Get, "/api/me", key));
        var listed = await (await client.SendAsync(Users.Bearer(HttpMethod.Get, "/api/v1/security/api-keys", token))).Content.ReadAsStringAsync();
        var revoked = await client.SendAsync(Users.Bearer(HttpMethod.Delete, $"/api/v1/security/api-keys/{created["id"]}", token));
        var after = await client.SendAsync(Users.Bearer(HttpMethod.Get, "/api/me", key));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.DoesNotContain(key, listed);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Secrets_NeverAppearInLogsOrLaterResponses()
    {
        var (id, email) = await Users.CreateAsync(fixture.Client, "viewer");
        var login = await Users.LoginAsync(fixture.Anonymous(), email);
        var token = (string)login["access_token"]!;
        using var client = fixture.Anonymous();
        var key = (string)(await (await client.SendAsync(Users.Bearer(HttpMethod.Post, "/api/v1/security/api-keys", token, new { name = "secret-check" })))
            .Content.ReadFromJsonAsync<JsonObject>())!["key"]!;
        var setup = await (await client.SendAsync(Users.Bearer(HttpMethod.Post, "/api/v1/auth/mfa/setup", token))).Content.ReadFromJsonAsync<JsonObject>();
        var recovery = (await (await client.SendAsync(Users.Bearer(HttpMethod.Post, "/api/v1/auth/mfa/verify", token,
            new { code = Totp.Code((string)setup!["secret"]!) }))).Content.ReadFromJsonAsync<JsonObject>())!["recovery_codes"]!.AsArray().Select(c => (string)c!);
        var user = await (await fixture.Client.GetAsync($"/api/v1/users/{id}")).Content.ReadAsStringAsync();
        var audit = await (await fixture.Client.GetAsync("/api/v1/admin/audit?limit=1000")).Content.ReadAsStringAsync();
        await Task.Delay(500);

        foreach (var secret in new[] { Users.Password, key, (string)login["refresh_token"]!, EmbeddedSiloFixture.AdminPassword }.Concat(recovery))
        {
            Assert.DoesNotContain(secret, fixture.Output);
            Assert.DoesNotContain(secret, user);
            Assert.DoesNotContain(secret, audit);
        }
        Assert.DoesNotContain("argon2id", user);
    }

    [Fact]
    public async Task Profile_ChangePassword_Logout_AndRegistration_BehaveAsDocumented()
    {
        var (_, email) = await Users.CreateAsync(fixture.Client, "viewer");
        var login = await Users.LoginAsync(fixture.Anonymous(), email);
        var token = (string)login["access_token"]!;
        using var client = fixture.Anonymous();

        var renamed = await client.SendAsync(Users.Bearer(HttpMethod.Put, "/api/v1/auth/me", token, new { full_name = "Renamed", role = "superadmin" }));
        var wrongCurrent = await client.SendAsync(Users.Bearer(HttpMethod.Post, "/api/v1/auth/change-password", token,
            new { current_password = "nope", new_password = "another-long-password" }));
        var tooShort = await client.SendAsync(Users.Bearer(HttpMethod.Post, "/api/v1/auth/change-password", token,
            new { current_password = Users.Password, new_password = "short" }));
        var changed = await client.SendAsync(Users.Bearer(HttpMethod.Post, "/api/v1/auth/change-password", token,
            new { current_password = Users.Password, new_password = "another-long-password" }));
        var oldRefresh = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = (string)login["refresh_token"]! });
        var oldPassword = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Users.Password });
        var register = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = "new@example.test", password = "a-long-enough-password" });

        var profile = await renamed.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(("Renamed", "viewer"), ((string?)profile!["full_name"], (string?)profile["role"]));
        Assert.Equal(HttpStatusCode.BadRequest, wrongCurrent.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldRefresh.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, register.StatusCode);
        Assert.False((bool)(await client.GetFromJsonAsync<JsonObject>("/api/v1/auth/oidc/status"))!["enabled"]!);
    }

    private static async Task<string> SettingValueAsync(HttpClient client, string key) =>
        (await client.GetFromJsonAsync<JsonObject>("/api/settings"))!["items"]!.AsArray().Single(i => (string?)i!["key"] == key)!["value"]!.ToJsonString();
}
