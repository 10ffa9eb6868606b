using System.Collections.Concurrent;
using System.Text.Json;
using Swarmgrid.GrainInterfaces.Torrents;

namespace Swarmgrid.Realtime;

/// <summary>
/// Which torrents this process's connections are looking at in detail (the client face's inspector focus, hub clients
/// following <c>torrent:{infohash}</c>), and the latest <c>torrent.detail</c> of each. The torrent grain publishes its
/// detail only while watched: this process renews one lease per watched torrent (the union of the parts its connections
/// ask for) every <see cref="RenewEvery"/>, however many connections watch it, and lets it lapse when none do.
/// </summary>
public sealed class TorrentDetailWatch(IRealtimeFeed feed, IGrainFactory grains, ILogger<TorrentDetailWatch> logger) : BackgroundService
{
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(5);

    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private readonly Lock gate = new();
    private readonly Dictionary<string, List<Watcher>> watched = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TorrentDetail> latest = new(StringComparer.Ordinal);

    /// <summary>Starts watching <paramref name="infoHash"/>; dispose the handle to stop.</summary>
    public IDisposable Watch(string infoHash, DetailParts parts)
    {
        var watcher = new Watcher(this, infoHash, parts);
        bool widened;
        lock (gate)
        {
            if (!watched.TryGetValue(infoHash, out var list))
            {
                watched[infoHash] = list = [];
            }
            widened = (Union(list) | parts) != Union(list) || list.Count == 0;
            list.Add(watcher);
        }
        if (widened)
        {
            _ = RenewAsync(infoHash, CancellationToken.None);
        }
        return watcher;
    }

    /// <summary>The latest detail published for <paramref name="infoHash"/> while watched; null before the first.</summary>
    public TorrentDetail? Latest(string infoHash) => latest.GetValueOrDefault(infoHash);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.Subscribe(events =>
        {
            foreach (var e in events)
            {
                if (e.Type == ITorrentGrain.DetailEvent && e.Subject is { } infoHash && IsWatched(infoHash))
                {
                    try
                    {
                        if (JsonSerializer.Deserialize<TorrentDetail>(e.Data, PayloadJson) is { } detail)
                        {
                            latest[infoHash] = detail;
                        }
                    }
                    catch (JsonException ex)
                    {
                        logger.LogWarning(ex, "A torrent.detail event for {InfoHash} could not be read", infoHash);
                    }
                }
            }
            return Task.CompletedTask;
        });
        using var timer = new PeriodicTimer(RenewEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            List<string> due;
            lock (gate)
            {
                due = [.. watched.Keys];
            }
            await Task.WhenAll(due.Select(infoHash => RenewAsync(infoHash, stoppingToken)));
        }
    }

    private bool IsWatched(string infoHash)
    {
        lock (gate)
        {
            return watched.ContainsKey(infoHash);
        }
    }

    private async Task RenewAsync(string infoHash, CancellationToken cancellationToken)
    {
        DetailParts parts;
        lock (gate)
        {
            if (!watched.TryGetValue(infoHash, out var list))
            {
                return;
            }
            parts = Union(list);
        }
        try
        {
            await grains.GetGrain<ITorrentGrain>(infoHash).WatchAsync(parts).AsTask().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            logger.LogDebug(ex, "Torrent {InfoHash} could not be asked for its detail; retrying", infoHash);
        }
    }

    private void Release(Watcher watcher)
    {
        lock (gate)
        {
            if (watched.TryGetValue(watcher.InfoHash, out var list) && list.Remove(watcher) && list.Count == 0)
            {
                watched.Remove(watcher.InfoHash);
                latest.TryRemove(watcher.InfoHash, out _);
            }
        }
    }

    private static DetailParts Union(List<Watcher> list) => list.Aggregate(DetailParts.None, (all, w) => all | w.Parts);

    private sealed class Watcher(TorrentDetailWatch owner, string infoHash, DetailParts parts) : IDisposable
    {
        private int disposed;

        public string InfoHash { get; } = infoHash;

        public DetailParts Parts { get; } = parts;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Release(this);
            }
        }
    }
}
