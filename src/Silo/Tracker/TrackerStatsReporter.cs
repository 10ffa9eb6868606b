using Orleans.Runtime;
using Swarmgrid.GrainInterfaces.Tracker;
using Swarmgrid.Grains.Tracker;

namespace Swarmgrid.Silo.Tracker;

/// <summary>Sends this silo's tracker figures to the cluster's stats grain every <c>Tracker:StatsReportPeriod</c> (2 s).</summary>
public sealed class TrackerStatsReporter(
    IGrainFactory grains, SiloTrackerActivity activity, ILocalSiloDetails silo, IConfiguration configuration,
    IHostApplicationLifetime lifetime, ILogger<TrackerStatsReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = configuration.GetValue("Tracker:StatsReportPeriod", TimeSpan.FromSeconds(2));
        using var timer = new PeriodicTimer(period);
        var stats = grains.GetGrain<ITrackerStatsGrain>(0);
        var name = silo.SiloAddress.ToParsableString();
        // Grain calls before the silo has joined its cluster only produce noise.
        using (var started = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStarted, stoppingToken))
        {
            await Task.Delay(Timeout.Infinite, started.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        stoppingToken.ThrowIfCancellationRequested();
        do
        {
            try
            {
                await stats.ReportAsync(new SiloTrackerReport(name, activity.Announces, activity.Scrapes, activity.Peers, activity.Swarms));
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                logger.LogDebug(ex, "Tracker figures not reported this time");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
