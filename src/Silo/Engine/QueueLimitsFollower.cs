using Swarmgrid.GrainInterfaces.Settings;
using Swarmgrid.GrainInterfaces.Torrents;
using Swarmgrid.Grains.Torrents;
using Swarmgrid.Realtime;

namespace Swarmgrid.Silo.Engine;

/// <summary>
/// Keeps the cluster queue's limits (<see cref="ITorrentQueueGrain"/>) equal to the global <c>max_concurrent_downloads</c>
/// and <c>max_active_seeds</c> settings (0 = no limit): whenever the settings grain announces a change of either key on
/// the realtime feed, and when the feed resumes after a gap. Every silo follows; passing the same limits twice changes
/// nothing. The queue also reads the settings itself whenever it activates.
/// </summary>
public sealed class QueueLimitsFollower(IGrainFactory grains, IRealtimeFeed feed, ILogger<QueueLimitsFollower> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private IDisposable? subscription;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(QueueLimitsFollower), ServiceLifecycleStage.Active, OnActiveAsync, OnStopAsync);

    private Task OnActiveAsync(CancellationToken cancellationToken)
    {
        subscription = feed.Subscribe(events =>
            events.Any(e => e.Type == ISettingsGrain.ChangedEvent && e.Subject is TorrentQueueGrain.DownloadsKey or TorrentQueueGrain.SeedsKey)
                ? PassOnAsync()
                : Task.CompletedTask);
        feed.Resumed += OnResumed;
        return Task.CompletedTask;
    }

    private Task OnStopAsync(CancellationToken cancellationToken)
    {
        feed.Resumed -= OnResumed;
        subscription?.Dispose();
        return Task.CompletedTask;
    }

    private void OnResumed() => _ = PassOnAsync();

    private async Task PassOnAsync()
    {
        try
        {
            var settings = await grains.GetGrain<ISettingsGrain>(ISettingsGrain.GlobalScope).GetAllAsync();
            if (TorrentQueueGrain.Read(settings, TorrentQueueGrain.DownloadsKey) is { } downloads
                && TorrentQueueGrain.Read(settings, TorrentQueueGrain.SeedsKey) is { } seeds)
            {
                await grains.GetGrain<ITorrentQueueGrain>(0).SetLimitsAsync(downloads, seeds);
            }
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            // The queue or the settings may be moving between silos; the next change or feed gap passes them on again.
            logger.LogWarning(ex, "Queue limits could not be passed on to the queue");
        }
    }
}
