using Swarmgrid.Grains.Tests.Probes;

namespace Swarmgrid.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class CrossSiloCallTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Grain_ActivatedOnOneSilo_IsCalledFromTheOther()
    {
        var grains = fixture.Cluster.GrainFactory;
        var target = grains.GetGrain<ISiloProbeGrain>("target-" + Guid.NewGuid());
        var targetSilo = await target.GetSiloAsync();

        ProbeCall? call = null;
        for (var attempt = 0; attempt < 100 && call is null; attempt++)
        {
            var caller = grains.GetGrain<ISiloProbeGrain>("caller-" + Guid.NewGuid());
            if (await caller.GetSiloAsync() != targetSilo)
            {
                call = await caller.CallAsync(target.GetPrimaryKeyString());
            }
        }

        Assert.Equal(2, fixture.Cluster.GetActiveSilos().Count());
        Assert.NotNull(call);
        Assert.Equal(targetSilo, call.TargetSilo);
        Assert.NotEqual(call.CallerSilo, call.TargetSilo);
    }
}
