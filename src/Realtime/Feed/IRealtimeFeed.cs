using Swarmgrid.GrainInterfaces.Realtime;

namespace Swarmgrid.Realtime;

/// <summary>This process's view of the cluster-wide feed: every event, once, to each local consumer.</summary>
public interface IRealtimeFeed
{
    /// <summary>Calls <paramref name="handler"/> with each batch of events until the subscription is disposed.</summary>
    IDisposable Subscribe(Func<IReadOnlyList<RealtimeEvent>, Task> handler);

    /// <summary>
    /// Raised when the process is (again) following the feed after it could not: events may have been missed in
    /// between, so consumers holding state read it afresh.
    /// </summary>
    event Action? Resumed;
}
