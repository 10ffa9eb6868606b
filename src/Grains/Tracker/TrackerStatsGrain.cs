using Swarmgrid.GrainInterfaces;
using Swarmgrid.GrainInterfaces.Tracker;

namespace Swarmgrid.Grains.Tracker;

public sealed class TrackerStatsGrain(
    [PersistentState("tracker-stats", StorageNames.Main)] IPersistentState<TrackerStatsState> state,
    TimeProvider clock) : Grain, ITrackerStatsGrain
{
    /// <summary>A silo silent for this long is taken as gone.</summary>
    private static readonly TimeSpan SiloSilence = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, (SiloTrackerReport Report, DateTimeOffset At)> silos = [];

    public ValueTask ReportAsync(SiloTrackerReport report)
    {
        silos[report.Silo] = (report, clock.GetUtcNow());
        return ValueTask.CompletedTask;
    }

    public async ValueTask<TrackerTotals> GetTotalsAsync()
    {
        var cutoff = clock.GetUtcNow() - SiloSilence;
        var gone = silos.Where(s => s.Value.At < cutoff).ToList();
        if (gone.Count > 0)
        {
            foreach (var (silo, (report, _)) in gone)
            {
                state.State.Announces += report.Announces;
                state.State.Scrapes += report.Scrapes;
                silos.Remove(silo);
            }
            await state.WriteStateAsync();
        }

        var live = silos.Values.Select(s => s.Report).ToList();
        return new TrackerTotals(
            state.State.Announces + live.Sum(r => r.Announces),
            state.State.Scrapes + live.Sum(r => r.Scrapes),
            live.Sum(r => r.ActivePeers),
            live.Sum(r => r.Swarms));
    }
}
