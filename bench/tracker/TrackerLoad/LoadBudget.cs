using System.Diagnostics;

namespace Swarmgrid.Bench.TrackerLoad;

/// <summary>How much a phase may still send: it ends at its deadline or once the request count is spent.</summary>
public sealed class LoadBudget(TimeSpan duration, long maxRequests)
{
    private readonly long deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    private long taken;

    public bool TryTake() => Stopwatch.GetTimestamp() < deadline && Interlocked.Increment(ref taken) <= maxRequests;

    public bool Expired => Stopwatch.GetTimestamp() >= deadline || Interlocked.Read(ref taken) >= maxRequests;
}
