using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Swarmgrid.WebFront.Tests;

/// <summary>
/// The client face's IP blocklist over HTTP, fetched from a server on loopback (the embedded process runs with
/// <c>Outbound:AllowLoopback</c>; the same checks with it off are <c>OutboundUrlTests</c> in Hosting.Tests). Each test
/// turns the list off and puts the settings back, since the embedded silo is shared.
/// </summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class ClientBlocklistApiTests(EmbeddedSiloFixture fixture) : IAsyncLifetime
{
    private const string Prefix = "/client/api";
    private const string Route = Prefix + "/settings/blocklist";
    private FakeListServer server = null!;

    private HttpClient Admin => fixture.Client;

    public async Task InitializeAsync() => server = await FakeListServer.StartAsync();

    public async Task DisposeAsync()
    {
        await Admin.PutAsJsonAsync(Route, new { enabled = false, url = "" });
        foreach (var key in new[] { "blocklist_url", "blocklist_enabled" })
        {
            await Admin.DeleteAsync($"/api/settings/overrides/{key}");
        }
        await server.DisposeAsync();
    }

    private async Task<JsonObject> GetAsync()
    {
        var response = await Admin.GetAsync(Route);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<JsonObject> UntilAsync(Func<JsonObject, bool> condition)
    {
        for (var i = 0; i < 150; i++)
        {
            var state = await GetAsync();
            if (condition(state))
            {
                return state;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"The blocklist did not reach the state expected: {await GetAsync()}");
        return null!;
    }

    private async Task<HttpResponseMessage> RefreshAsync() => await Admin.PostAsync(Route + "/refresh", null);

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string message)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, (string?)JsonNode.Parse(body)!["error"]);
    }

    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }
        return output.ToArray();
    }

    [Fact]
    public async Task Blocklist_TurnedOn_IsFetched_Refreshed_In_Every_Format_And_Dropped_When_Off()
    {
        var p2p = server.Put("list.p2p", "# P2P\nSome org:1.2.3.0-1.2.3.255\nname:with:colons:5.6.7.8-5.6.7.9\n\nbroken line\nv6:2001:db8::-2001:db8::ff\n");

        var off = await GetAsync();
        var put = await Admin.PutAsJsonAsync(Route, new { url = p2p, enabled = true });

        Assert.Equal("""{"url":"","enabled":false,"last_loaded_at":0,"entries":0}""", off.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("{\"ok\":true}", await put.Content.ReadAsStringAsync());
        var loaded = await UntilAsync(s => (long)s["last_loaded_at"]! > 0);
        Assert.Equal(3, (int)loaded["entries"]!);
        Assert.Equal(p2p, (string?)loaded["url"]);
        Assert.True((bool)loaded["enabled"]!);
        Assert.Null(loaded["error"]);
        Assert.InRange((long)loaded["last_loaded_at"]!, DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds());

        var dat = server.Put("list.dat", "1.2.3.0 - 1.2.3.255 , 000 , blocked\r\n4.0.0.0 - 4.0.0.255 , 200 , allowed\r\n010.000.000.000 - 010.000.000.255 , 100 , blocked\r\n");
        Assert.Equal(HttpStatusCode.OK, (await Admin.PutAsJsonAsync(Route, new { url = dat })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync()).StatusCode);
        Assert.Equal(2, (int)(await GetAsync())["entries"]!);

        server.Put("list.cidr", "// CIDR\n10.0.0.0/8\n192.168.0.0/16\n2001:db8::/32\n8.8.8.8\n");
        Assert.Equal(HttpStatusCode.OK, (await Admin.PutAsJsonAsync(Route, new { url = server.Url("list.cidr") })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync()).StatusCode);
        Assert.Equal(4, (int)(await GetAsync())["entries"]!);

        server.Put("list.gz", Gzip(string.Concat(Enumerable.Range(0, 1000).Select(i => $"r{i}:20.{i / 256}.{i % 256}.0-20.{i / 256}.{i % 256}.255\n"))));
        Assert.Equal(HttpStatusCode.OK, (await Admin.PutAsJsonAsync(Route, new { url = server.Url("list.gz") })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync()).StatusCode);
        Assert.Equal(1000, (int)(await GetAsync())["entries"]!);

        // Every silo's engine follows the grain's announcement.
        for (var i = 0; i < 100 && !fixture.Output.Contains("ranges in force", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
        }
        Assert.Contains("IP blocklist version", fixture.Output);

        Assert.Equal(HttpStatusCode.OK, (await Admin.PutAsJsonAsync(Route, new { enabled = false })).StatusCode);
        var cleared = await GetAsync();
        Assert.Equal(0, (int)cleared["entries"]!);
        Assert.Equal(0, (long)cleared["last_loaded_at"]!);
        Assert.False((bool)cleared["enabled"]!);
        await AssertProblemAsync(await RefreshAsync(), HttpStatusCode.BadRequest, "not enabled");
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "private, loopback or link-local")]
    [InlineData("http://10.0.0.1/list.p2p", "private, loopback or link-local")]
    [InlineData("file:///etc/passwd", "absolute http or https")]
    [InlineData("ftp://example.com/list.p2p", "absolute http or https")]
    [InlineData("http://user:secret@example.com/list.p2p", "user name or password")]
    [InlineData("", "url is required")]
    public async Task Put_RefusesUrlsTheOutboundRulesRefuse_AndChangesNothing(string url, string message)
    {
        var before = await GetAsync();

        await AssertProblemAsync(await Admin.PutAsJsonAsync(Route, new { url, enabled = true }), HttpStatusCode.BadRequest, message);

        Assert.Equal(before.ToJsonString(), (await GetAsync()).ToJsonString());
    }

    [Fact]
    public async Task Refresh_Without_A_Url_Is_400()
    {
        await AssertProblemAsync(await RefreshAsync(), HttpStatusCode.BadRequest, "not enabled");
    }

    [Fact]
    public async Task Upstream_Failures_Are_502s_Kept_As_The_Error_And_Keep_The_List_In_Force()
    {
        var good = server.Put("good.p2p", "a:1.2.3.0-1.2.3.255\n");
        Assert.Equal(HttpStatusCode.OK, (await Admin.PutAsJsonAsync(Route, new { url = good, enabled = true })).StatusCode);
        await UntilAsync(s => (int)s["entries"]! == 1);
        var cap = EmbeddedSiloFixture.BlocklistMaxBytes;
        var cases = new (string Url, string Error)[]
        {
            (server.Fail("broken", 500), "500"),
            (server.Put("big.p2p", new byte[cap + 1]), $"exceeds {cap} bytes"),
            (server.Put("bomb.gz", Gzip(new string('#', cap + 1))), $"more than {cap} bytes"),
            (server.Redirect("to-metadata", "http://169.254.169.254/latest/meta-data/"), "redirected to a refused URL"),
            (server.Redirect("to-private", "http://192.168.1.1/list.p2p"), "redirected to a refused URL"),
            (server.Put("garbage.txt", "<html>not a list</html>\n"), "no valid entry"),
            (server.Url("missing"), "404"),
        };

        foreach (var (url, error) in cases)
        {
            Assert.Equal(HttpStatusCode.OK, (await Admin.PutAsJsonAsync(Route, new { url })).StatusCode);
            await AssertProblemAsync(await RefreshAsync(), HttpStatusCode.BadGateway, error);
            var state = await GetAsync();
            Assert.Contains(error, (string?)state["error"]);
            Assert.Equal(1, (int)state["entries"]!);
        }

        Assert.Equal(HttpStatusCode.OK, (await Admin.PutAsJsonAsync(Route, new { url = good })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync()).StatusCode);
        Assert.Null((await GetAsync())["error"]);
    }

    [Fact]
    public async Task Reading_Takes_A_Viewer_And_Changing_An_Operator()
    {
        using var anonymous = fixture.Anonymous();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Route)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync(Route, new { enabled = false })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(Route + "/refresh", null)).StatusCode);
    }
}
