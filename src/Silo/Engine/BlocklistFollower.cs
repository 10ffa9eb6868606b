using Swarmgrid.BitTorrent.Client;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.Realtime;

namespace Swarmgrid.Silo.Engine;

/// <summary>
/// Keeps this silo's engine on the client's IP blocklist: reads the blocklist grain when the silo starts (retrying
/// until it answers), again when it announces <see cref="IClientBlocklistGrain.ChangedEvent"/> or the feed resumes
/// after a gap, and never otherwise. A new list is put on the engine, which closes the connected peers it names;
/// no list (turned off) drops the engine's filter.
/// </summary>
public sealed class BlocklistFollower : ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(3);

    private readonly TimeProvider time;
    private readonly IRealtimeFeed feed;
    private readonly Func<CancellationToken, Task<BlocklistRanges>> read;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim reading = new(1, 1);
    private readonly Lock gate = new();
    private IDisposable? subscription;
    private Task firstRead = Task.CompletedTask;
    private ClientEngine? engine;

    public BlocklistFollower(TimeProvider time, IRealtimeFeed feed, Func<CancellationToken, Task<BlocklistRanges>> read, ILogger logger)
    {
        this.time = time;
        this.feed = feed;
        this.read = read;
        this.logger = logger;
    }

    /// <summary>The follower of a silo: reads the blocklist grain (key 0).</summary>
    public static BlocklistFollower ForSilo(IServiceProvider services) => new(
        services.GetRequiredService<TimeProvider>(),
        services.GetRequiredService<IRealtimeFeed>(),
        async _ => await services.GetRequiredService<IGrainFactory>().GetGrain<IClientBlocklistGrain>(0).GetRangesAsync(),
        services.GetRequiredService<ILogger<BlocklistFollower>>());

    /// <summary>The list in force; null when there is none.</summary>
    public IpFilter? Filter { get; private set; }

    /// <summary>The grain's version of <see cref="Filter"/>; -1 until the first read.</summary>
    public long Version { get; private set; } = -1;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(BlocklistFollower), ServiceLifecycleStage.Active, _ => { Start(); return Task.CompletedTask; }, async _ => await DisposeAsync());

    public void Start()
    {
        subscription = feed.Subscribe(events => events.Any(e => e.Type == IClientBlocklistGrain.ChangedEvent) ? TryReadAsync() : Task.CompletedTask);
        feed.Resumed += OnResumed;
        firstRead = Task.Run(() => FirstReadAsync(stopping.Token), CancellationToken.None);
    }

    /// <summary>Puts <paramref name="started"/> under the list (now, if it has been read).</summary>
    public void Attach(ClientEngine started)
    {
        lock (gate)
        {
            engine = started;
            if (Filter is not null)
            {
                started.SetBlocklist(Filter);
            }
        }
    }

    private async Task FirstReadAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && !await TryReadAsync())
        {
            await Task.Delay(RetryEvery, time, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private void OnResumed() => _ = TryReadAsync();

    /// <summary>Reads the list and puts it on the engine when its version moved; false when it could not be read.</summary>
    private async Task<bool> TryReadAsync()
    {
        await reading.WaitAsync();
        try
        {
            var latest = await read(stopping.Token);
            if (latest.Version == Version)
            {
                return true;
            }
            var filter = latest.Ranges is { } bytes ? IpFilter.FromBytes(bytes) : null;
            // Merge now, not on the first lookup of a peer.
            var ranges = filter?.Count ?? 0;
            lock (gate)
            {
                Filter = filter;
                Version = latest.Version;
                engine?.SetBlocklist(filter);
            }
            logger.LogInformation("IP blocklist version {Version}: {Ranges} ranges in force", latest.Version, ranges);
            return true;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException or FormatException)
        {
            logger.LogWarning(ex, "The IP blocklist could not be read");
            return false;
        }
        finally
        {
            reading.Release();
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
    }
}
