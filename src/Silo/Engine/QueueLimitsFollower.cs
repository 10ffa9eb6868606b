using System.Globalization;
using Swarmgrid.BitTorrent.Client;
using Swarmgrid.GrainInterfaces.Settings;

namespace Swarmgrid.Silo.Engine;

/// <summary>
/// Keeps an engine's queue limits at the global <c>max_concurrent_downloads</c> and <c>max_active_seeds</c> settings:
/// reads them at once, then every <see cref="Period"/>, and applies them when they change. Polling keeps the settings
/// grain unaware of engines, and a silo that missed a change catches up on its next read.
/// </summary>
public sealed class QueueLimitsFollower : IAsyncDisposable
{
    /// <summary>How often the settings are read again.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(3);

    private const string DownloadsKey = "max_concurrent_downloads";
    private const string SeedsKey = "max_active_seeds";

    private readonly IGrainFactory grains;
    private readonly ClientEngine engine;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task following;
    private (int Downloads, int Seeds)? applied;

    private QueueLimitsFollower(IGrainFactory grains, ClientEngine engine, TimeProvider time, ILogger logger)
    {
        this.grains = grains;
        this.engine = engine;
        this.time = time;
        this.logger = logger;
        following = Task.Run(() => FollowAsync(stopping.Token), CancellationToken.None);
    }

    /// <summary>Starts following the settings for <paramref name="engine"/>; dispose to stop.</summary>
    public static QueueLimitsFollower Start(IGrainFactory grains, ClientEngine engine, TimeProvider time, ILogger logger) =>
        new(grains, engine, time, logger);

    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ReadAndApplyAsync();
                await Task.Delay(Period, time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The settings grain may be unreachable for a moment (silo starting or stopping); read again later.
                logger.LogWarning(ex, "Queue limits could not be read from the settings");
                try
                {
                    await Task.Delay(Period, time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ReadAndApplyAsync()
    {
        var settings = await grains.GetGrain<ISettingsGrain>(ISettingsGrain.GlobalScope).GetAllAsync();
        var limits = (Downloads: Read(settings, DownloadsKey), Seeds: Read(settings, SeedsKey));
        if (limits.Downloads is not { } downloads || limits.Seeds is not { } seeds || applied == (downloads, seeds))
        {
            return;
        }
        await engine.SetQueueLimitsAsync(downloads, seeds);
        applied = (downloads, seeds);
        logger.LogInformation("Queue limits: {Downloads} downloads, {Seeds} seeds", downloads, seeds);
    }

    private static int? Read(IReadOnlyList<SettingView> settings, string key) =>
        settings.FirstOrDefault(s => s.Key == key) is { } setting && int.TryParse(setting.ValueJson, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await following;
        stopping.Dispose();
    }
}
