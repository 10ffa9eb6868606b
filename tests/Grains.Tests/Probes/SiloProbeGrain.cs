using Orleans.Placement;

namespace Swarmgrid.Grains.Tests.Probes;

// The default placement favours the least loaded silo, which can put every probe on one silo; random spreads them.
[RandomPlacement]
public sealed class SiloProbeGrain(ILocalSiloDetails silo) : Grain, ISiloProbeGrain
{
    public Task<string> GetSiloAsync() => Task.FromResult(silo.SiloAddress.ToString());

    public async Task<ProbeCall> CallAsync(string targetKey)
    {
        var target = GrainFactory.GetGrain<ISiloProbeGrain>(targetKey);
        return new ProbeCall(silo.SiloAddress.ToString(), await target.GetSiloAsync(), target.GetPrimaryKeyString());
    }
}
