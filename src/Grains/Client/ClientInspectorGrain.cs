using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Realtime;
using Swarmgrid.Grains.Realtime;

namespace Swarmgrid.Grains.Client;

/// <summary>One caller's inspector focus, in memory: it lasts while the grain is active (a view, not data).</summary>
public sealed class ClientInspectorGrain(RealtimePublisher realtime) : Grain, IClientInspectorGrain
{
    private InspectorFocus? focus;

    public ValueTask<InspectorFocus?> GetAsync() => ValueTask.FromResult(focus);

    public ValueTask FocusAsync(InspectorFocus? focus)
    {
        this.focus = focus;
        realtime.Publish(IClientInspectorGrain.FocusEvent, RealtimeTopics.Internal, this.GetPrimaryKeyString(), focus);
        return ValueTask.CompletedTask;
    }
}
