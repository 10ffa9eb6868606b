using System.Security.Cryptography;
using System.Text;
using Orleans.TestingHost;
using Swarmgrid.GrainInterfaces.Tracker;

namespace Swarmgrid.Grains.Tests.Tracker;

/// <summary>A silo dies: the swarms that lived on it get their peers back from its replica, the others keep theirs.</summary>
public sealed class SwarmFailoverTests : IAsyncLifetime
{
    private const int SwarmCount = 200;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "swarmgrid-failover-tests", Guid.NewGuid().ToString("N"));
    private TestCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await TestClusters.StartOnSqliteAsync(dataDirectory, fastFailureDetection: true);

    public async Task DisposeAsync()
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
    }

    [Fact]
    public async Task Every_swarm_still_knows_its_peers_after_a_silo_is_killed()
    {
        var swarms = Enumerable.Range(0, SwarmCount).Select(SwarmKey).ToList();
        foreach (var swarm in swarms)
        {
            var grain = cluster.GrainFactory.GetGrain<ISwarmGrain>(swarm);
            await grain.AnnounceAsync(Announce(swarm, "seed", left: 0));
            await grain.AnnounceAsync(Announce(swarm, "leech", left: 1000));
        }
        var silos = cluster.Silos.Select(silo => silo.SiloAddress.ToParsableString()).ToList();
        await WaitForAsync(async () =>
        {
            var held = 0;
            foreach (var silo in silos)
            {
                held += (await cluster.GrainFactory.GetGrain<IPeerReplicaGrain>(silo).CountAsync()).Swarms;
            }
            return held == SwarmCount;
        }, () => "every swarm replicated");

        await cluster.KillSiloAsync(cluster.SecondarySilos[0]);

        var knowingBoth = 0;
        string? lastError = null;
        await WaitForAsync(async () =>
        {
            knowingBoth = 0;
            foreach (var swarm in swarms)
            {
                try
                {
                    var counts = await cluster.GrainFactory.GetGrain<ISwarmGrain>(swarm).ScrapeAsync();
                    knowingBoth += counts is { Complete: 1, Incomplete: 1 } ? 1 : 0;
                }
                catch (Exception ex) when (ex is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or OrleansException)
                {
                    // The swarm's silo is not yet declared dead.
                    lastError = ex.GetType().Name + ": " + ex.Message;
                }
            }
            return knowingBoth == SwarmCount;
        }, () => $"every swarm knowing both of its peers ({knowingBoth} of {SwarmCount} do; {Describe().Result}; last error {lastError})");
        Assert.Equal(SwarmCount, knowingBoth);
    }

    private async Task<string> Describe()
    {
        var hosts = await cluster.GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: false);
        var parts = new List<string>();
        foreach (var (silo, status) in hosts)
        {
            var (swarms, peers) = await cluster.GrainFactory.GetGrain<IPeerReplicaGrain>(silo.ToParsableString()).CountAsync();
            parts.Add($"{silo} {status}: replica {swarms} swarms {peers} peers");
        }
        return string.Join("; ", parts);
    }

    private static SwarmAnnounce Announce(string swarm, string who, long left) =>
        new(PeerId(swarm + who), [127, 0, 0, (byte)(left == 0 ? 1 : 2)], 6881, 0, 0, left, AnnounceEvent.Started, 50, false, null);

    private static byte[] PeerId(string text) => SHA1.HashData(Encoding.UTF8.GetBytes(text));

    private static string SwarmKey(int index) => Convert.ToHexStringLower(SHA1.HashData(BitConverter.GetBytes(index)));

    private static async Task WaitForAsync(Func<Task<bool>> condition, Func<string> what)
    {
        var until = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"timed out waiting for {what()}");
            await Task.Delay(250);
        }
    }
}
