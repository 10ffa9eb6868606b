using System.Security.Cryptography;
using Swarmgrid.GrainInterfaces.Transmission;

namespace Swarmgrid.Grains.Tests.Transmission;

/// <summary>The Transmission face's cluster-wide session id and its torrent numbers, which outlive a cluster restart.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TransmissionGrainsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Session_id_is_one_for_the_cluster_and_looks_like_transmissions()
    {
        var first = await fixture.Cluster.GrainFactory.GetGrain<ITransmissionSessionGrain>(0).GetSessionIdAsync();
        var second = await fixture.Cluster.Client.GetGrain<ITransmissionSessionGrain>(0).GetSessionIdAsync();

        Assert.Equal(first, second);
        Assert.Matches("^[A-Za-z0-9]{48}$", first);
    }

    [Fact]
    public async Task Ids_are_given_in_the_order_first_seen_and_never_change()
    {
        var ids = fixture.Cluster.GrainFactory.GetGrain<ITransmissionIdsGrain>(0);
        var (a, b, c) = (Hash(), Hash(), Hash());

        var first = await ids.AssignAsync([a, b]);
        var again = await ids.AssignAsync([b, c, a]);

        Assert.Equal(first[a] + 1, first[b]);
        Assert.Equal((first[a], first[b]), (again[a], again[b]));
        Assert.True(again[c] > first[b]);
    }

    [Fact]
    public async Task Ids_survive_a_cluster_restart()
    {
        var serviceId = "transmission-ids-" + Guid.NewGuid().ToString("N");
        var directory = Path.Combine(Path.GetTempPath(), "swarmgrid-transmission-ids", serviceId);
        var (a, b) = (Hash(), Hash());
        IReadOnlyDictionary<string, int> before;
        var first = await TestClusters.StartOnSqliteAsync(directory, serviceId);
        await using (first)
        {
            before = await first.GrainFactory.GetGrain<ITransmissionIdsGrain>(0).AssignAsync([a, b]);
            await first.StopAllSilosAsync();
        }

        var second = await TestClusters.StartOnSqliteAsync(directory, serviceId);
        await using (second)
        {
            var after = await second.GrainFactory.GetGrain<ITransmissionIdsGrain>(0).AssignAsync([b, Hash(), a]);
            await second.StopAllSilosAsync();

            Assert.Equal((1, 2), (before[a], before[b]));
            Assert.Equal((1, 2, 3), (after[a], after[b], after.Values.Max()));
        }
    }

    private static string Hash() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
}
