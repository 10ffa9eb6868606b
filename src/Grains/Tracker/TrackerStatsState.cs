namespace Swarmgrid.Grains.Tracker;

/// <summary>Counts of silos that have gone, kept so cluster totals stay monotonic.</summary>
public sealed class TrackerStatsState
{
    public long Announces { get; set; }

    public long Scrapes { get; set; }

    /// <summary>What each silo had counted when it was folded in, taken back if that silo reports again.</summary>
    public Dictionary<string, long[]> Folded { get; set; } = [];
}
