using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Runtime;
using Swarmgrid.TestSupport;

namespace Swarmgrid.Silo.Tests;

/// <summary>Two silo processes and a web front process sharing one Postgres database.</summary>
public sealed class ClusterModeTests
{
    [SkippableFact]
    public async Task StateWrittenThroughTheWebFront_SurvivesKillingTheSiloThatHeldIt()
    {
        var postgres = await TestPostgres.CreateDatabaseAsync();
        var clusterId = "cluster-" + Guid.NewGuid().ToString("N")[..8];
        await using var siloA = SiloProcesses.StartClusterSilo(postgres, clusterId, out var portA);
        await using var siloB = SiloProcesses.StartClusterSilo(postgres, clusterId, out var portB);
        await Task.WhenAll(siloA.WaitForListeningAsync(), siloB.WaitForListeningAsync());
        await using var webFront = SiloProcesses.StartWebFront(postgres, clusterId);
        using var client = await Http.For(await webFront.WaitForListeningAsync()).SignedInAsync();

        await client.PutOverrideAsync("crawl_interval_seconds", 1234);
        var holder = await FindSettingsActivationSiloPortAsync(postgres, clusterId);
        Assert.Contains(holder, new[] { portA, portB });

        var (victim, survivor) = holder == portA ? (siloA, siloB) : (siloB, siloA);
        await victim.KillAsync();

        JsonNode? setting = null;
        var readBack = await Http.EventuallyAsync(async () =>
        {
            setting = await client.GetSettingAsync("crawl_interval_seconds");
            return setting is not null;
        }, TimeSpan.FromSeconds(90));
        Assert.True(readBack, "the web front never answered after the silo was killed:\n" + webFront.Output);
        Assert.Equal(1234, (int)setting!["value"]!);
        Assert.False(survivor.HasExited);
    }

    private static async Task<int> FindSettingsActivationSiloPortAsync(string postgres, string clusterId)
    {
        using var host = Host.CreateDefaultBuilder()
            .UseOrleansClient(client => client
                .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, clusterId))
                .UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", postgres)))
            .Build();
        await host.StartAsync();
        var management = host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics();
        var settings = Assert.Single(statistics, s => s.GrainType.Contains("SettingsGrain", StringComparison.Ordinal));
        await host.StopAsync();
        return settings.SiloAddress.Endpoint.Port;
    }

    [SkippableFact]
    public async Task PeersAnnouncingToDifferentSilos_ReceiveEachOther()
    {
        var postgres = await TestPostgres.CreateDatabaseAsync();
        var clusterId = "tracker-" + Guid.NewGuid().ToString("N")[..8];
        await using var siloA = SiloProcesses.StartClusterSilo(postgres, clusterId, out _);
        await using var siloB = SiloProcesses.StartClusterSilo(postgres, clusterId, out _);
        using var clientA = Http.For(await siloA.WaitForListeningAsync());
        using var clientB = Http.For(await siloB.WaitForListeningAsync());
        var hash = Tracker.AnnounceUrl.RandomHash();

        await Tracker.Bencoded.GetAsync(clientA, Tracker.AnnounceUrl.Announce(hash, 1, 6101, left: 0));
        var fromB = await Tracker.Bencoded.GetAsync(clientB, Tracker.AnnounceUrl.Announce(hash, 2, 6102, left: 10));
        var fromA = await Tracker.Bencoded.GetAsync(clientA, Tracker.AnnounceUrl.Announce(hash, 3, 6103, left: 10));

        Assert.Equal([6101], Tracker.Bencoded.PeerPorts(fromB));
        Assert.Equal([6101, 6102], Tracker.Bencoded.PeerPorts(fromA).Order());
    }
}
