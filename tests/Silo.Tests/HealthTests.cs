using System.Net;
using Swarmgrid.TestSupport;

namespace Swarmgrid.Silo.Tests;

public sealed class HealthTests
{
    [SkippableFact]
    public async Task Health_FollowsThePostgresServer_DownAndBackUp()
    {
        await using var postgres = await PrivatePostgres.StartNewAsync();
        var clusterId = "health-" + Guid.NewGuid().ToString("N")[..8];
        await using var silo = SiloProcesses.StartClusterSilo(postgres.ConnectionString, clusterId, out _);
        using var client = Http.For(await silo.WaitForListeningAsync());

        var up = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        Assert.Equal("OK", await up.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", up.Content.Headers.ContentType?.MediaType);

        await postgres.StopAsync();
        Assert.True(await Http.EventuallyAsync(async () =>
            (await client.GetAsync("/health")).StatusCode == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30)), silo.Output);

        await postgres.StartAsync();
        Assert.True(await Http.EventuallyAsync(async () =>
            (await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30)), silo.Output);
        Assert.False(silo.HasExited);
    }
}
