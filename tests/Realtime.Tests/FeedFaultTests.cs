using Swarmgrid.TestSupport;

namespace Swarmgrid.Realtime.Tests;

/// <summary>The feed outlives the processes around it: a dead web front, a silo killed and started again.</summary>
public sealed class FeedFaultTests
{
    [SkippableFact]
    public async Task EventsKeepReachingFrontB_AfterFrontADies_AndAfterASiloIsKilledAndRestarted()
    {
        await using var cluster = new RealtimeClusterLifetime();
        await cluster.Cluster.InitializeAsync();
        var c = cluster.Cluster;
        await using var client = await DashboardClient.ConnectAsync(c.FrontAddressB, c.AdminToken, topics: ["settings"]);

        await c.FrontA.KillAsync();
        var afterFrontDied = await ChangeUntilSeenAsync(c, client, TimeSpan.FromSeconds(10));

        await c.SiloA.KillAsync();
        var restarted = c.Track(SiloProcesses.StartClusterSilo(c.Postgres, c.ClusterId, c.SiloPortA));
        await restarted.WaitForListeningAsync();
        var afterSiloRestart = await ChangeUntilSeenAsync(c, client, TimeSpan.FromSeconds(90));
        await c.SiloB.KillAsync();
        var afterOtherSiloDied = await ChangeUntilSeenAsync(c, client, TimeSpan.FromSeconds(90));

        Assert.True(afterFrontDied, "no event reached front B's client after front A died");
        Assert.True(afterSiloRestart, "no event reached front B's client after silo A was killed and restarted");
        Assert.True(afterOtherSiloDied, "no event reached front B's client once only the restarted silo was left");
    }

    /// <summary>Changes a setting through front B every second until its client sees a change made after the call started.</summary>
    private static async Task<bool> ChangeUntilSeenAsync(RealtimeCluster cluster, DashboardClient client, TimeSpan timeout)
    {
        var since = DateTime.UtcNow;
        var deadline = since + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await cluster.AdminB.PutOverrideAsync("global_download_limit_kib", Random.Shared.Next(100, 100_000));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // The cluster is still noticing the dead silo.
            }
            if (await client.WaitForAsync(e => e.Subject == "global_download_limit_kib" && e.ReceivedAt >= since, TimeSpan.FromSeconds(1)) is not null)
            {
                return true;
            }
        }
        return false;
    }

    private sealed class RealtimeClusterLifetime : IAsyncDisposable
    {
        public RealtimeCluster Cluster { get; } = new();

        public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
    }
}
