using Orleans.Concurrency;

namespace Swarmgrid.GrainInterfaces.Realtime;

/// <summary>A process that follows the feed (a web front, or a silo hosting hubs or local consumers).</summary>
public interface IRealtimeObserver : IGrainObserver
{
    /// <summary>A batch of events, oldest first. One-way: the feed never waits on a slow or vanished process.</summary>
    [OneWay]
    Task OnEventsAsync(IReadOnlyList<RealtimeEvent> events);
}
