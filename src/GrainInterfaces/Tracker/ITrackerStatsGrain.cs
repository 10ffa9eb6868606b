namespace Swarmgrid.GrainInterfaces.Tracker;

/// <summary>
/// The tracker's figures for the whole cluster (key 0): every silo reports its own share periodically; counters
/// of silos that stop reporting are folded into a stored base, so totals never go backwards.
/// </summary>
public interface ITrackerStatsGrain : IGrainWithIntegerKey
{
    /// <summary>The realtime event (topic <c>tracker</c>) with the cluster totals, every few seconds while silos report.</summary>
    public const string StatsEvent = "tracker.stats";

    ValueTask ReportAsync(SiloTrackerReport report);

    ValueTask<TrackerTotals> GetTotalsAsync();
}

/// <summary>One silo's figures since it started; <paramref name="Silo"/> is unique per silo process.</summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.SiloTrackerReport")]
public sealed record SiloTrackerReport(
    [property: Id(0)] string Silo,
    [property: Id(1)] long Announces,
    [property: Id(2)] long Scrapes,
    [property: Id(3)] long ActivePeers,
    [property: Id(4)] long Swarms);

[GenerateSerializer, Immutable, Alias("Swarmgrid.TrackerTotals")]
public sealed record TrackerTotals(
    [property: Id(0)] long Announces,
    [property: Id(1)] long Scrapes,
    [property: Id(2)] long ActivePeers,
    [property: Id(3)] long Swarms);
