using System.Net;
using System.Net.Http.Json;
using Swarmgrid.TestSupport;

namespace Swarmgrid.WebFront.Tests;

public sealed class RegistryKeyTests
{
    [Fact]
    public async Task WithARegistryKey_WritesNeedTheHeaderOrAnOperator_AndReadsDoNot()
    {
        await using var silo = SwarmgridProcess.Start("Silo", "Swarmgrid.Silo", new Dictionary<string, string>
        {
            ["Swarmgrid:DataDir"] = Path.Combine(Path.GetTempPath(), "swarmgrid-registry-key", Guid.NewGuid().ToString("N")),
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
            ["Tracker:UdpPort"] = "0",
            ["Registry:Key"] = "k3y",
            ["Auth:Bootstrap:Username"] = "admin",
            ["Auth:Bootstrap:Password"] = "registry-admin-password",
            ["Auth:LoginRateLimit:Enabled"] = "false",
        });
        using var client = new HttpClient { BaseAddress = await silo.WaitForListeningAsync() };
        var body = new { info_hash = "abc123", name = "Test Dataset" };

        var missing = await client.PostAsJsonAsync("/api/registry", body);
        var wrong = await Send(client, HttpMethod.Post, "/api/registry", "nope", JsonContent.Create(body));
        var deleteWithout = await client.DeleteAsync("/api/registry?info_hash=abc123");
        var right = await Send(client, HttpMethod.Post, "/api/registry", "k3y", JsonContent.Create(body));
        var read = await client.GetAsync("/api/registry?info_hash=abc123");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, deleteWithout.StatusCode);
        Assert.Equal(HttpStatusCode.Created, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        var admin = await SignIn.TokenAsync(client, "admin", "registry-admin-password", TimeSpan.FromSeconds(60));
        using var adminClient = new HttpClient { BaseAddress = client.BaseAddress };
        adminClient.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", admin);
        var (_, operatorEmail) = await Users.CreateAsync(adminClient, "operator");
        var (_, viewerEmail) = await Users.CreateAsync(adminClient, "viewer");
        var operatorToken = (string)(await Users.LoginAsync(client, operatorEmail))["access_token"]!;
        var viewerToken = (string)(await Users.LoginAsync(client, viewerEmail))["access_token"]!;
        var byOperator = await client.SendAsync(Users.Bearer(HttpMethod.Post, "/api/registry", operatorToken, new { info_hash = "def456", name = "By an operator" }));
        var byViewer = await client.SendAsync(Users.Bearer(HttpMethod.Post, "/api/registry", viewerToken, new { info_hash = "fed654", name = "By a viewer" }));
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = client.BaseAddress };
        await Users.LoginAsync(browser, operatorEmail);
        var byCookieWithoutCsrf = await browser.PostAsJsonAsync("/api/registry", new { info_hash = "abcdef", name = "Forged" });

        Assert.Equal(HttpStatusCode.Created, byOperator.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byViewer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byCookieWithoutCsrf.StatusCode);
    }

    [Fact]
    public async Task WithoutARegistryKey_ListeningBeyondLoopback_WarnsAtStart()
    {
        await using var silo = SwarmgridProcess.Start("Silo", "Swarmgrid.Silo", new Dictionary<string, string>
        {
            ["Swarmgrid:DataDir"] = Path.Combine(Path.GetTempPath(), "swarmgrid-registry-key", Guid.NewGuid().ToString("N")),
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
            ["Tracker:UdpPort"] = "0",
            ["urls"] = "http://0.0.0.0:0",
        });
        await silo.WaitForListeningAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!silo.Output.Contains("Registry writes are anonymous", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Contains("Registry writes are anonymous (Registry:Key is not set) and reachable on http://0.0.0.0:", silo.Output);
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, string key, HttpContent content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("X-Weightless-Key", key);
        return client.SendAsync(request);
    }
}
