using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Swarmgrid.WebFront.Tests;

/// <summary>The eight defects of the identity attack run, each pinned by the behaviour that fixes it.</summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class IdentityDefectTests(EmbeddedSiloFixture fixture)
{
    private async Task<string> TokenOfNewUserAsync(string role)
    {
        var (_, email) = await Users.CreateAsync(fixture.Client, role);
        return (string)(await Users.LoginAsync(fixture.Anonymous(), email))["access_token"]!;
    }

    [Fact]
    public async Task AnAdmin_CannotChangeDisableOrResetASuperadmin_NorAnotherAdmin_ButMayChangeThemselves()
    {
        var superadminId = (string)(await fixture.Client.GetFromJsonAsync<JsonObject>("/api/v1/auth/me"))!["id"]!;
        var (adminId, adminEmail) = await Users.CreateAsync(fixture.Client, "admin");
        var (otherAdminId, otherAdminEmail) = await Users.CreateAsync(fixture.Client, "admin");
        var (viewerId, _) = await Users.CreateAsync(fixture.Client, "viewer");
        var admin = (string)(await Users.LoginAsync(fixture.Anonymous(), adminEmail))["access_token"]!;
        using var client = fixture.Anonymous();

        var attempts = new object[] { new { password = "taken-over-password-1" }, new { is_active = false }, new { email = "mine@example.test" }, new { full_name = "x" } };
        foreach (var body in attempts)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(Users.Bearer(HttpMethod.Put, $"/api/v1/users/{superadminId}", admin, body))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(Users.Bearer(HttpMethod.Put, $"/api/v1/users/{otherAdminId}", admin, body))).StatusCode);
        }
        var deleteOtherAdmin = await client.SendAsync(Users.Bearer(HttpMethod.Delete, $"/api/v1/users/{otherAdminId}", admin));
        var changeViewer = await client.SendAsync(Users.Bearer(HttpMethod.Put, $"/api/v1/users/{viewerId}", admin, new { full_name = "Renamed by admin" }));
        var changeSelf = await client.SendAsync(Users.Bearer(HttpMethod.Put, $"/api/v1/users/{adminId}", admin, new { full_name = "Me" }));

        Assert.Equal(HttpStatusCode.Forbidden, deleteOtherAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changeViewer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changeSelf.StatusCode);
        await SignIn.TokenAsync(fixture.Anonymous(), EmbeddedSiloFixture.AdminUser, EmbeddedSiloFixture.AdminPassword);
        await Users.LoginAsync(fixture.Anonymous(), otherAdminEmail);
        var superadmin = await fixture.Client.GetFromJsonAsync<JsonObject>($"/api/v1/users/{superadminId}");
        Assert.True((bool)superadmin!["is_active"]!);
    }

    [Fact]
    public async Task AnAdmin_CannotEndASuperadminsSession_OrRevokeTheirKey()
    {
        var admin = await TokenOfNewUserAsync("admin");
        var superKey = (await (await fixture.Client.PostAsJsonAsync("/api/v1/security/api-keys", new { name = "super" })).Content.ReadFromJsonAsync<JsonObject>())!;
        using var browser = fixture.Anonymous(cookies: true);
        await SignIn.TokenAsync(browser, EmbeddedSiloFixture.AdminUser, EmbeddedSiloFixture.AdminPassword);
        var sessions = await (await fixture.Client.GetAsync("/api/v1/security/sessions")).Content.ReadFromJsonAsync<JsonArray>();
        var superSession = (string)sessions!.Last(s => (string?)s!["kind"] == "sg_session" && (string?)s["user_id"] == Jwt.Claim(fixture.AdminToken, "sub"))!["id"]!;
        using var client = fixture.Anonymous();

        var endSession = await client.SendAsync(Users.Bearer(HttpMethod.Delete, $"/api/v1/security/sessions/{superSession}", admin));
        var revokeKey = await client.SendAsync(Users.Bearer(HttpMethod.Delete, $"/api/v1/security/api-keys/{superKey["id"]}", admin));

        Assert.Equal(HttpStatusCode.Forbidden, endSession.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, revokeKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Users.Bearer(HttpMethod.Get, "/api/me", (string)superKey["key"]!))).StatusCode);
    }

    [Fact]
    public async Task ATotpCode_WorksOnce_AndAnMfaTokenIsSingleUse()
    {
        var (_, email) = await Users.CreateAsync(fixture.Client, "viewer");
        using var client = fixture.Anonymous();
        var (secret, _) = await Mfa.EnrolAsync(client, (string)(await Users.LoginAsync(client, email))["access_token"]!);
        var code = Totp.Code(secret, DateTimeOffset.UtcNow.AddSeconds(30));
        var first = await Mfa.ChallengeAsync(client, email);

        var accepted = await Mfa.VerifyAsync(client, first, code);
        var sameTokenAgain = await Mfa.VerifyAsync(client, first, code);
        var sameCodeNewToken = await Mfa.VerifyAsync(client, await Mfa.ChallengeAsync(client, email), code);
        var earlierStep = await Mfa.VerifyAsync(client, await Mfa.ChallengeAsync(client, email), Totp.Code(secret));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, sameTokenAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, sameCodeNewToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, earlierStep.StatusCode);
    }

    [Fact]
    public async Task FiveWrongCodes_KillTheChallenge_AndTenLockTheAccountsMfaLogins()
    {
        var (userId, email) = await Users.CreateAsync(fixture.Client, "viewer");
        using var client = fixture.Anonymous();
        var (secret, recovery) = await Mfa.EnrolAsync(client, (string)(await Users.LoginAsync(client, email))["access_token"]!);
        var right = Totp.Code(secret, DateTimeOffset.UtcNow.AddSeconds(30));
        var wrong = Mfa.WrongCode(secret);

        var challenge = await Mfa.ChallengeAsync(client, email);
        var firstFive = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            firstFive.Add((await Mfa.VerifyAsync(client, challenge, wrong)).StatusCode);
        }
        var rightAfterFive = await Mfa.VerifyAsync(client, challenge, right);
        var second = await Mfa.ChallengeAsync(client, email);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Mfa.VerifyAsync(client, second, wrong)).StatusCode);
        }
        var tenth = await Mfa.VerifyAsync(client, second, wrong);
        var lockedWithRightCode = await Mfa.VerifyAsync(client, await Mfa.ChallengeAsync(client, email), right);
        var lockedWithRecovery = await client.PostAsJsonAsync("/api/v1/auth/mfa/verify", new { mfa_token = await Mfa.ChallengeAsync(client, email), recovery_code = recovery[0] });
        var audit = await (await fixture.Client.GetAsync("/api/v1/admin/audit?limit=1000")).Content.ReadFromJsonAsync<JsonObject>();

        Assert.All(firstFive, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.Unauthorized, rightAfterFive.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, tenth.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, lockedWithRightCode.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, lockedWithRecovery.StatusCode);
        Assert.Contains(audit!["items"]!.AsArray(), e => (string?)e!["action"] == "mfa_locked" && (string?)e["target"] == userId);
    }

    [Theory]
    [InlineData("{\"username\":\"admin\",\"password\":\"\"}")]
    [InlineData("{\"username\":\"admin\"}")]
    [InlineData("[\"admin\",\"password\"]")]
    [InlineData("{\"username\":42,\"password\":\"x\"}")]
    [InlineData("{\"username\":\"admin\",\"password\":null}")]
    [InlineData("\"admin\"")]
    public async Task AMalformedLogin_IsA400WithAJsonError_OnEveryFace(string body)
    {
        using var client = fixture.Anonymous();
        foreach (var path in new[] { "/api/v1/auth/login", "/client/api/login" })
        {
            var response = await client.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]);
        }
    }

    [Fact]
    public async Task MissingPasswords_OnChangePasswordMfaDisableAndLoginForm_AreRefusedWithoutA500()
    {
        var (_, email) = await Users.CreateAsync(fixture.Client, "viewer");
        using var client = fixture.Anonymous();
        var token = (string)(await Users.LoginAsync(client, email))["access_token"]!;
        var (secret, _) = await Mfa.EnrolAsync(client, token);

        var changeWithout = await client.SendAsync(Users.Bearer(HttpMethod.Post, "/api/v1/auth/change-password", token, new { new_password = "a-brand-new-password" }));
        var changeEmpty = await client.SendAsync(Users.Bearer(HttpMethod.Post, "/api/v1/auth/change-password", token, new { current_password = "", new_password = "a-brand-new-password" }));
        var disableWithout = await client.SendAsync(Users.Bearer(HttpMethod.Post, "/api/v1/auth/mfa/disable", token, new { code = Totp.Code(secret, DateTimeOffset.UtcNow.AddSeconds(30)) }));
        var form = await client.PostAsync("/api/v1/auth/login-form", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = email }));

        Assert.Equal(HttpStatusCode.BadRequest, changeWithout.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, changeEmpty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, disableWithout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        Assert.Equal("/login?error=invalid", form.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Users.Bearer(HttpMethod.Get, "/api/v1/auth/me", token))).StatusCode);
    }

    [Theory]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("/\n/x", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/ /evil.example", "/")]
    [InlineData("/torrents?filter=active", "/torrents?filter=active")]
    public async Task LoginForm_RedirectsOnlyToALocalPath(string requested, string expected)
    {
        var (_, email) = await Users.CreateAsync(fixture.Client, "viewer");
        using var browser = fixture.Anonymous(cookies: true);

        var response = await browser.PostAsync("/api/v1/auth/login-form", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = email, ["password"] = Users.Password, ["redirect"] = requested,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ConfirmingAnEnrolmentByCookie_NeedsTheCsrfToken()
    {
        var (_, email) = await Users.CreateAsync(fixture.Client, "viewer");
        using var browser = fixture.Anonymous(cookies: true);
        await Users.LoginAsync(browser, email);
        var csrf = Browser.Cookies(browser)["csrf_token"];
        var setup = await Browser.SendAsync(browser, HttpMethod.Post, "/api/v1/auth/mfa/setup", new { }, ("X-CSRF-Token", csrf));
        var secret = (string)(await setup.Content.ReadFromJsonAsync<JsonObject>())!["secret"]!;

        var foreign = await Browser.SendAsync(browser, HttpMethod.Post, "/api/v1/auth/mfa/verify", new { code = Totp.Code(secret) }, ("Origin", "https://evil.example"));
        var me = await browser.GetFromJsonAsync<JsonObject>("/api/v1/auth/me");
        var withToken = await Browser.SendAsync(browser, HttpMethod.Post, "/api/v1/auth/mfa/verify", new { code = Totp.Code(secret, DateTimeOffset.UtcNow.AddSeconds(30)) }, ("X-CSRF-Token", csrf));

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.DoesNotContain("recovery_codes", await foreign.Content.ReadAsStringAsync());
        Assert.False((bool)me!["mfa_enabled"]!);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
    }

    [Fact]
    public async Task ACsrfPairNotMadeForTheSession_IsRefused()
    {
        var (_, email) = await Users.CreateAsync(fixture.Client, "operator");
        using var browser = fixture.Anonymous(cookies: true);
        await Users.LoginAsync(browser, email);
        var session = Browser.Cookies(browser)["sg_session"];
        using var planted = fixture.Anonymous();

        var request = new HttpRequestMessage(HttpMethod.Put, "/api/settings/overrides/global_upload_limit_kib") { Content = JsonContent.Create(new { value = 555 }) };
        request.Headers.Add("Cookie", $"sg_session={session}; csrf_token=planted");
        request.Headers.Add("X-CSRF-Token", "planted");
        var refused = await planted.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task AccessTokens_StopWorkingAtLogoutAndPasswordChange()
    {
        var (_, email) = await Users.CreateAsync(fixture.Client, "viewer");
        using var client = fixture.Anonymous();
        var byBearer = (string)(await Users.LoginAsync(client, email))["access_token"]!;
        var otherDevice = (string)(await Users.LoginAsync(client, email))["access_token"]!;
        using var browser = fixture.Anonymous(cookies: true);
        var byCookieLogin = (string)(await Users.LoginAsync(browser, email))["access_token"]!;

        var bearerLogout = await client.SendAsync(Users.Bearer(HttpMethod.Post, "/api/v1/auth/logout", byBearer));
        var afterBearerLogout = await client.SendAsync(Users.Bearer(HttpMethod.Get, "/api/v1/auth/me", byBearer));
        var otherStillWorks = await client.SendAsync(Users.Bearer(HttpMethod.Get, "/api/v1/auth/me", otherDevice));
        var cookieLogout = await Browser.SendAsync(browser, HttpMethod.Post, "/api/v1/auth/logout", new { }, ("X-CSRF-Token", Browser.Cookies(browser)["csrf_token"]));
        var afterCookieLogout = await client.SendAsync(Users.Bearer(HttpMethod.Get, "/api/v1/auth/me", byCookieLogin));
        await client.SendAsync(Users.Bearer(HttpMethod.Post, "/api/v1/auth/change-password", otherDevice,
            new { current_password = Users.Password, new_password = "a-different-password" }));
        var afterPasswordChange = await client.SendAsync(Users.Bearer(HttpMethod.Get, "/api/v1/auth/me", otherDevice));

        Assert.Equal(HttpStatusCode.OK, bearerLogout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterBearerLogout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherStillWorks.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cookieLogout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterCookieLogout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterPasswordChange.StatusCode);
    }

    [Fact]
    public async Task Responses_CarrySecurityHeaders_AndTokenAnswersAreNotCached()
    {
        var (_, email) = await Users.CreateAsync(fixture.Client, "viewer");
        using var client = fixture.Anonymous();

        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Users.Password });
        var health = await client.GetAsync("/api/v1/health");

        foreach (var response in new[] { login, health })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        }
        Assert.True(login.Headers.CacheControl!.NoStore);
        Assert.False(login.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public void OnLoopbackOnly_AnonymousRegistryWrites_AreNotWarnedAbout() =>
        Assert.DoesNotContain("Registry writes are anonymous", fixture.Output);
}
