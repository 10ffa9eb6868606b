using Prometheus;
using Swarmgrid.Data.Registry;
using Swarmgrid.GrainInterfaces.Tracker;

namespace Swarmgrid.Hosting;

/// <summary>
/// The tracker seed's metric names on <c>/metrics</c>, with cluster-wide values read from the stats grain and the
/// registry when Prometheus scrapes.
/// </summary>
public static class TrackerMetrics
{
    private static readonly Counter Announces = Metrics.CreateCounter("tracker_announces_total", "Total number of announce requests handled");
    private static readonly Counter Scrapes = Metrics.CreateCounter("tracker_scrapes_total", "Total number of scrape requests handled");
    private static readonly Gauge ActivePeers = Metrics.CreateGauge("tracker_active_peers", "Current number of active peers in memory");
    private static readonly Gauge RegisteredTorrents = Metrics.CreateGauge("tracker_registered_torrents", "Total number of torrents in registry");
    private static readonly Gauge Swarms = Metrics.CreateGauge("tracker_swarms_total", "Total number of active swarms");

    private static readonly Histogram AnnounceDuration = Metrics.CreateHistogram("tracker_announce_duration_seconds",
        "Time to answer an announce in this process", new HistogramConfiguration
        {
            LabelNames = ["transport"],
            Buckets = Histogram.ExponentialBuckets(0.0001, 2, 14),
        });

    /// <summary>Announce latency over HTTP in this process, from parsed request to written answer.</summary>
    public static readonly Histogram.Child HttpAnnounceDuration = AnnounceDuration.WithLabels("http");

    /// <summary>Announce latency over UDP in this process.</summary>
    public static readonly Histogram.Child UdpAnnounceDuration = AnnounceDuration.WithLabels("udp");

    public static WebApplication UseTrackerMetrics(this WebApplication app)
    {
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        var registry = app.Services.GetRequiredService<RegistryStore>();
        Metrics.DefaultRegistry.AddBeforeCollectCallback(async cancellationToken =>
        {
            try
            {
                var totals = await grains.GetGrain<ITrackerStatsGrain>(0).GetTotalsAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
                Announces.IncTo(totals.Announces);
                Scrapes.IncTo(totals.Scrapes);
                ActivePeers.Set(totals.ActivePeers);
                Swarms.Set(totals.Swarms);
                RegisteredTorrents.Set(await registry.CountAsync(cancellationToken));
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException or System.Data.Common.DbException)
            {
                // The exposition still answers with the other figures; these keep their last values.
            }
        });
        return app;
    }
}
