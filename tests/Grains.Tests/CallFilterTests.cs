using Swarmgrid.GrainInterfaces;
using Swarmgrid.Grains.Tests.Probes;

namespace Swarmgrid.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class CallFilterTests(ClusterFixture fixture)
{
    [Fact]
    public async Task An_idempotent_call_that_reached_a_gone_silo_is_sent_again()
    {
        var grain = fixture.Cluster.GrainFactory.GetGrain<IFlakyGrain>(Guid.NewGuid().ToString());

        Assert.Equal(3, await grain.IdempotentAsync(failures: 2));
    }

    [Fact]
    public async Task Other_calls_fail_at_once()
    {
        var grain = fixture.Cluster.GrainFactory.GetGrain<IFlakyGrain>(Guid.NewGuid().ToString());

        await Assert.ThrowsAsync<SiloUnavailableException>(() => grain.PlainAsync(failures: 1));
        Assert.Equal(2, await grain.PlainAsync(failures: 1));
    }

    [Fact]
    public async Task A_database_failure_reaches_the_caller_as_our_own_exception()
    {
        var grain = fixture.Cluster.GrainFactory.GetGrain<IFlakyGrain>(Guid.NewGuid().ToString());

        var failure = await Assert.ThrowsAsync<StorageUnavailableException>(grain.DatabaseAwayAsync);
        Assert.Contains("database is unavailable", failure.Message);
        Assert.Null(failure.InnerException);
    }
}
