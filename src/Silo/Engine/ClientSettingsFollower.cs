using Swarmgrid.BitTorrent.Client;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Settings;
using Swarmgrid.Realtime;

namespace Swarmgrid.Silo.Engine;

/// <summary>
/// Keeps this silo's engine on the client settings: global and alternative rate limits, alt speed, the schedule
/// rules, peers per torrent, the default save path and (for the engine's next start) the listen port. It reads the
/// settings and schedule grains when the silo starts (retrying until they answer), again when either announces a
/// change on the realtime feed or the feed resumes after a gap, and never otherwise: between changes a timer set to
/// the next window edge of the schedule moves the engine to the limits of the new moment.
/// </summary>
public sealed class ClientSettingsFollower : ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(3);

    private readonly TimeProvider time;
    private readonly IRealtimeFeed feed;
    private readonly Func<CancellationToken, Task<(EngineSettingValues Settings, IReadOnlyList<ScheduleRule> Rules)>> read;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim reading = new(1, 1);
    private readonly Lock gate = new();
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ITimer edgeTimer;
    private IDisposable? subscription;
    private Task firstRead = Task.CompletedTask;
    private ClientEngine? engine;
    private int defaultPeers;
    private IReadOnlyList<ScheduleRule> rules = [];

    public ClientSettingsFollower(
        TimeProvider time, IRealtimeFeed feed,
        Func<CancellationToken, Task<(EngineSettingValues Settings, IReadOnlyList<ScheduleRule> Rules)>> read, ILogger logger)
    {
        this.time = time;
        this.feed = feed;
        this.read = read;
        this.logger = logger;
        edgeTimer = time.CreateTimer(_ => Apply(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The follower of a silo: reads the global settings and the schedule grain (key 0).</summary>
    public static ClientSettingsFollower ForSilo(IServiceProvider services) => new(
        services.GetRequiredService<TimeProvider>(),
        services.GetRequiredService<IRealtimeFeed>(),
        async _ =>
        {
            var grains = services.GetRequiredService<IGrainFactory>();
            var settings = await grains.GetGrain<ISettingsGrain>(ISettingsGrain.GlobalScope).GetAllAsync();
            var rules = await grains.GetGrain<IClientScheduleGrain>(0).GetRulesAsync();
            return (EngineSettingValues.From(settings), rules);
        },
        services.GetRequiredService<ILogger<ClientSettingsFollower>>());

    /// <summary>The settings last read; null until the first read.</summary>
    public EngineSettingValues? Settings { get; private set; }

    /// <summary>The limits in force; null until the first read.</summary>
    public EffectiveLimits? Effective { get; private set; }

    /// <summary>Completes once the settings have been read and applied.</summary>
    public Task Ready => ready.Task;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ClientSettingsFollower), ServiceLifecycleStage.Active, _ => { Start(); return Task.CompletedTask; }, async _ => await DisposeAsync());

    /// <summary>Subscribes to the feed and reads the settings, retrying in the background until they answer.</summary>
    public void Start()
    {
        subscription = feed.Subscribe(events => events.Any(Concerns) ? TryReadAsync() : Task.CompletedTask);
        feed.Resumed += OnResumed;
        firstRead = Task.Run(() => FirstReadAsync(stopping.Token), CancellationToken.None);
    }

    /// <summary>Puts <paramref name="started"/> under the settings (now, if they have been read); the peers cap it started with is what 0 means.</summary>
    public void Attach(ClientEngine started)
    {
        lock (gate)
        {
            engine = started;
            defaultPeers = started.Settings.MaxConnectionsPerTorrent;
        }
        Apply();
    }

    private static bool Concerns(GrainInterfaces.Realtime.RealtimeEvent e) =>
        e.Type == IClientScheduleGrain.ChangedEvent
        || (e.Type == ISettingsGrain.ChangedEvent && e.Subject is { } key && ClientSettingKeys.Engine.Contains(key));

    private async Task FirstReadAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && !await TryReadAsync())
        {
            await Task.Delay(RetryEvery, time, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private void OnResumed() => _ = TryReadAsync();

    /// <summary>Reads the settings and rules and applies them; false when they could not be read.</summary>
    private async Task<bool> TryReadAsync()
    {
        await reading.WaitAsync();
        try
        {
            var (settings, latest) = await read(stopping.Token);
            lock (gate)
            {
                Settings = settings;
                rules = latest;
            }
            Apply();
            ready.TrySetResult();
            return true;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            // The grains may be unreachable for a moment (silo starting or stopping).
            logger.LogWarning(ex, "Client settings could not be read");
            return false;
        }
        finally
        {
            reading.Release();
        }
    }

    /// <summary>Computes the limits of this moment, puts them on the engine and sets the timer to the next window edge.</summary>
    private void Apply()
    {
        lock (gate)
        {
            if (Settings is not { } settings)
            {
                return;
            }
            var now = time.GetUtcNow();
            var zone = time.LocalTimeZone;
            var effective = BandwidthSchedule.Effective(settings, rules, TimeZoneInfo.ConvertTime(now, zone).DateTime);
            if (engine is not null)
            {
                engine.DownloadLimit.BytesPerSecond = effective.DownloadBytesPerSecond;
                engine.UploadLimit.BytesPerSecond = effective.UploadBytesPerSecond;
                var peers = settings.MaxPeersPerTorrent > 0 ? settings.MaxPeersPerTorrent : defaultPeers;
                if (engine.Settings.MaxConnectionsPerTorrent != peers)
                {
                    engine.SetMaxConnectionsPerTorrent(peers);
                }
            }
            if (effective != Effective)
            {
                logger.LogInformation("Engine rate limits from {Source}: download {Download} B/s, upload {Upload} B/s (0 = none)",
                    effective.Source, effective.DownloadBytesPerSecond, effective.UploadBytesPerSecond);
                Effective = effective;
            }
            var next = BandwidthSchedule.NextEdge(rules, now, zone);
            edgeTimer.Change(next is { } edge ? edge - now : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }
        feed.Resumed -= OnResumed;
        subscription?.Dispose();
        await stopping.CancelAsync();
        await firstRead;
        await edgeTimer.DisposeAsync();
    }
}
