using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Realtime;
using Swarmgrid.Grains.Realtime;

namespace Swarmgrid.Grains.Client;

/// <summary>One caller's inspector focus, in memory (a view, not data): kept for <see cref="KeepFor"/> after it was set.</summary>
public sealed class ClientInspectorGrain(RealtimePublisher realtime) : Grain, IClientInspectorGrain
{
    private InspectorFocus? focus;

    public ValueTask<InspectorFocus?> GetAsync() => ValueTask.FromResult(focus);

    /// <summary>How long a focus outlives its caller's silence (a grain idle that long is collected, and the focus with it).</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(12);

    public ValueTask FocusAsync(InspectorFocus? focus)
    {
        this.focus = focus;
        DelayDeactivation(focus is null ? TimeSpan.Zero : KeepFor);
        realtime.Publish(IClientInspectorGrain.FocusEvent, RealtimeTopics.Internal, this.GetPrimaryKeyString(), focus);
        return ValueTask.CompletedTask;
    }
}
