using System.Globalization;
using Swarmgrid.BitTorrent.Client;
using Swarmgrid.GrainInterfaces.Settings;
using Swarmgrid.Realtime;

namespace Swarmgrid.Silo.Engine;

/// <summary>
/// Keeps the engine's queue limits equal to the global <c>max_concurrent_downloads</c> and <c>max_active_seeds</c>
/// settings: read once at engine start (retried until the settings grain answers), then again whenever the settings
/// grain announces a change of either key on the realtime feed, or the feed resumes after a gap.
/// </summary>
public sealed class QueueLimitsFollower : IAsyncDisposable
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(3);

    private const string DownloadsKey = "max_concurrent_downloads";
    private const string SeedsKey = "max_active_seeds";

    private readonly IGrainFactory grains;
    private readonly IRealtimeFeed feed;
    private readonly ClientEngine engine;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim applying = new(1, 1);
    private readonly IDisposable subscription;
    private readonly Task firstRead;
    private (int Downloads, int Seeds)? applied;

    private QueueLimitsFollower(IGrainFactory grains, IRealtimeFeed feed, ClientEngine engine, TimeProvider time, ILogger logger)
    {
        this.grains = grains;
        this.feed = feed;
        this.engine = engine;
        this.time = time;
        this.logger = logger;
        subscription = feed.Subscribe(events =>
            events.Any(e => e.Type == ISettingsGrain.ChangedEvent && e.Subject is DownloadsKey or SeedsKey) ? TryApplyAsync() : Task.CompletedTask);
        feed.Resumed += OnResumed;
        firstRead = Task.Run(() => FirstReadAsync(stopping.Token), CancellationToken.None);
    }

    /// <summary>Starts following the settings for <paramref name="engine"/>; dispose to stop.</summary>
    public static QueueLimitsFollower Start(IGrainFactory grains, IRealtimeFeed feed, ClientEngine engine, TimeProvider time, ILogger logger) =>
        new(grains, feed, engine, time, logger);

    private async Task FirstReadAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && !await TryApplyAsync())
        {
            await Task.Delay(RetryEvery, time, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private void OnResumed() => _ = TryApplyAsync();

    /// <summary>Reads both settings and applies them when they changed; false when the settings could not be read.</summary>
    private async Task<bool> TryApplyAsync()
    {
        await applying.WaitAsync();
        try
        {
            var settings = await grains.GetGrain<ISettingsGrain>(ISettingsGrain.GlobalScope).GetAllAsync();
            var limits = (Downloads: Read(settings, DownloadsKey), Seeds: Read(settings, SeedsKey));
            if (limits.Downloads is { } downloads && limits.Seeds is { } seeds && applied != (downloads, seeds))
            {
                await engine.SetQueueLimitsAsync(downloads, seeds);
                applied = (downloads, seeds);
                logger.LogInformation("Queue limits: {Downloads} downloads, {Seeds} seeds", downloads, seeds);
            }
            return true;
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            // The settings grain may be unreachable for a moment (silo starting or stopping).
            logger.LogWarning(ex, "Queue limits could not be read from the settings");
            return false;
        }
        finally
        {
            applying.Release();
        }
    }

    private static int? Read(IReadOnlyList<SettingView> settings, string key) =>
        settings.FirstOrDefault(s => s.Key == key) is { } setting && int.TryParse(setting.ValueJson, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    public async ValueTask DisposeAsync()
    {
        feed.Resumed -= OnResumed;
        subscription.Dispose();
        await stopping.CancelAsync();
        await firstRead;
        stopping.Dispose();
    }
}
