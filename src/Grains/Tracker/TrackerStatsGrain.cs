using Swarmgrid.GrainInterfaces;
using Swarmgrid.GrainInterfaces.Realtime;
using Swarmgrid.GrainInterfaces.Tracker;
using Swarmgrid.Grains.Realtime;

namespace Swarmgrid.Grains.Tracker;

public sealed class TrackerStatsGrain(
    [PersistentState("tracker-stats", StorageNames.Main)] IPersistentState<TrackerStatsState> state,
    RealtimePublisher realtime,
    TimeProvider clock) : Grain, ITrackerStatsGrain
{
    /// <summary>How often the cluster totals go out on the realtime feed while silos report.</summary>
    public static readonly TimeSpan PublishEvery = TimeSpan.FromSeconds(2);

    private DateTimeOffset lastPublished;

    /// <summary>A silo silent for this long is taken as gone.</summary>
    private static readonly TimeSpan SiloSilence = TimeSpan.FromSeconds(30);
    private const int MaxFoldedSilos = 256;

    private readonly Dictionary<string, (SiloTrackerReport Report, DateTimeOffset At)> silos = [];

    public async ValueTask ReportAsync(SiloTrackerReport report)
    {
        // A silo that was only slow, not gone: its report is cumulative, so its folded share must not count twice.
        if (state.State.Folded.Remove(report.Silo, out var folded))
        {
            state.State.Announces -= folded[0];
            state.State.Scrapes -= folded[1];
            await state.WriteStateAsync();
        }
        silos[report.Silo] = (report, clock.GetUtcNow());
        if (clock.GetUtcNow() - lastPublished >= PublishEvery)
        {
            lastPublished = clock.GetUtcNow();
            var totals = await GetTotalsAsync();
            realtime.Publish(ITrackerStatsGrain.StatsEvent, RealtimeTopics.Tracker, null, new
            {
                totals.Announces, totals.Scrapes, totals.ActivePeers, totals.Swarms, Silos = silos.Count,
            });
        }
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
                state.State.Folded[silo] = [report.Announces, report.Scrapes];
                if (state.State.Folded.Count > MaxFoldedSilos)
                {
                    // Silos long gone never report again; forgetting them only forgoes a correction that cannot come.
                    state.State.Folded.Remove(state.State.Folded.Keys.First(key => key != silo));
                }
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
