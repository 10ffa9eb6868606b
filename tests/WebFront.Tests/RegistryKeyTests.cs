using System.Net;
using System.Net.Http.Json;
using Swarmgrid.TestSupport;

namespace Swarmgrid.WebFront.Tests;

public sealed class RegistryKeyTests
{
    [Fact]
    public async Task WithARegistryKey_WritesNeedTheHeader_AndReadsDoNot()
    {
        await using var silo = SwarmgridProcess.Start("Silo", "Swarmgrid.Silo", new Dictionary<string, string>
        {
            ["Swarmgrid:DataDir"] = Path.Combine(Path.GetTempPath(), "swarmgrid-registry-key", Guid.NewGuid().ToString("N")),
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
            ["Tracker:UdpPort"] = "0",
            ["Registry:Key"] = "k3y",
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
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, string key, HttpContent content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("X-Weightless-Key", key);
        return client.SendAsync(request);
    }
}
