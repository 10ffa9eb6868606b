using System.Net;

namespace Swarmgrid.WebFront.Tests;

/// <summary>The qBittorrent face's sign-in: its login and SID cookie, Basic and bearer callers, 403 for anyone else, CSRF by Origin.</summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class QbittorrentAuthTests(EmbeddedSiloFixture fixture)
{
    [Fact]
    public async Task A_bad_login_answers_Fails_and_a_good_one_Ok_with_a_SID_cookie_that_logout_ends()
    {
        using var client = fixture.Anonymous(cookies: true);
        var bad = await Qbt.PostAsync(client, "/auth/login", ("username", EmbeddedSiloFixture.AdminUser), ("password", "wrong"));
        var missing = await Qbt.PostAsync(client, "/auth/login");
        var before = await Qbt.GetAsync(client, "/app/webapiVersion");
        using var login = await client.PostAsync(Qbt.Prefix + "/auth/login",
            Qbt.Form(("username", EmbeddedSiloFixture.AdminUser), ("password", EmbeddedSiloFixture.AdminPassword)));
        var version = await Qbt.GetAsync(client, "/app/webapiVersion");
        var logout = await Qbt.PostAsync(client, "/auth/logout");
        var after = await Qbt.GetAsync(client, "/app/webapiVersion");

        Assert.Equal((HttpStatusCode.OK, "Fails."), bad);
        Assert.Equal((HttpStatusCode.OK, "Fails."), missing);
        Assert.Equal((HttpStatusCode.Forbidden, "Forbidden"), before);
        Assert.Equal("Ok.", await login.Content.ReadAsStringAsync());
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("SID=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, version.Status);
        Assert.Matches(@"^2\.\d+\.\d+$", version.Body);
        Assert.Equal(HttpStatusCode.OK, logout.Status);
        Assert.Equal(HttpStatusCode.Forbidden, after.Status);
    }

    [Fact]
    public async Task Basic_and_bearer_callers_are_served_and_anyone_else_gets_403_on_every_route_group()
    {
        using var anonymous = fixture.Anonymous();
        using var basic = fixture.Anonymous();
        basic.DefaultRequestHeaders.Authorization = Qbt.Basic(EmbeddedSiloFixture.AdminUser, EmbeddedSiloFixture.AdminPassword);
        using var wrongBasic = fixture.Anonymous();
        wrongBasic.DefaultRequestHeaders.Authorization = Qbt.Basic(EmbeddedSiloFixture.AdminUser, "nope");
        using var bearer = fixture.Anonymous();
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", fixture.AdminToken);

        foreach (var path in new[] { "/app/version", "/app/preferences", "/torrents/info", "/torrents/categories", "/torrents/tags", "/sync/maindata", "/transfer/info" })
        {
            Assert.Equal((HttpStatusCode.Forbidden, "Forbidden"), await Qbt.GetAsync(anonymous, path));
            Assert.Equal(HttpStatusCode.Forbidden, (await Qbt.GetAsync(wrongBasic, path)).Status);
            Assert.Equal(HttpStatusCode.OK, (await Qbt.GetAsync(basic, path)).Status);
            Assert.Equal(HttpStatusCode.OK, (await Qbt.GetAsync(bearer, path)).Status);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await Qbt.PostAsync(anonymous, "/torrents/pause", ("hashes", "all"))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Qbt.PostAsync(anonymous, "/torrents/add", ("urls", "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567"))).Status);
    }

    [Fact]
    public async Task A_viewer_reads_but_may_not_change_torrents()
    {
        var (_, email) = await Users.CreateAsync(fixture.Client, "viewer");
        using var viewer = fixture.Anonymous();
        viewer.DefaultRequestHeaders.Authorization = Qbt.Basic(email, Users.Password);

        Assert.Equal(HttpStatusCode.OK, (await Qbt.GetAsync(viewer, "/torrents/info")).Status);
        Assert.Equal((HttpStatusCode.Forbidden, "Forbidden"), await Qbt.PostAsync(viewer, "/torrents/pause", ("hashes", "all")));
        Assert.Equal(HttpStatusCode.Forbidden, (await Qbt.PostAsync(viewer, "/app/setPreferences", ("json", "{}"))).Status);
    }

    [Fact]
    public async Task An_Origin_or_Referer_naming_another_site_is_refused_and_this_site_passes()
    {
        using var client = await Qbt.SignedInAsync(fixture);
        var self = fixture.BaseAddress.GetLeftPart(UriPartial.Authority);

        using var foreign = new HttpRequestMessage(HttpMethod.Post, Qbt.Prefix + "/torrents/pause") { Content = Qbt.Form(("hashes", "all")) };
        foreign.Headers.Add("Origin", "http://evil.example");
        using var foreignAnswer = await client.SendAsync(foreign);
        using var referer = new HttpRequestMessage(HttpMethod.Get, Qbt.Prefix + "/torrents/info");
        referer.Headers.Referrer = new Uri("http://evil.example/page");
        using var refererAnswer = await client.SendAsync(referer);
        using var login = new HttpRequestMessage(HttpMethod.Post, Qbt.Prefix + "/auth/login")
        {
            Content = Qbt.Form(("username", EmbeddedSiloFixture.AdminUser), ("password", EmbeddedSiloFixture.AdminPassword)),
        };
        login.Headers.Add("Origin", "http://evil.example");
        using var loginAnswer = await client.SendAsync(login);
        using var same = new HttpRequestMessage(HttpMethod.Get, Qbt.Prefix + "/torrents/info");
        same.Headers.Add("Origin", self);
        using var sameAnswer = await client.SendAsync(same);

        Assert.Equal(HttpStatusCode.Unauthorized, foreignAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refererAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, loginAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sameAnswer.StatusCode);
    }
}
