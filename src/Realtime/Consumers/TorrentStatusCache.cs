using System.Collections.Concurrent;
using System.Text.Json;
using Swarmgrid.Data.Torrents;
using Swarmgrid.GrainInterfaces.Realtime;
using Swarmgrid.GrainInterfaces.Torrents;

namespace Swarmgrid.Realtime;

/// <summary>
/// Every torrent's latest <see cref="TorrentStatus"/> in this process, kept by the feed's <c>torrent.added</c>,
/// <c>torrent.changed</c>, <c>torrent.progress</c> and <c>torrent.removed</c> events, so lists and snapshots of many
/// torrents need no grain call per torrent. It loads once at start and again whenever the feed resumes after a gap (the
/// read model lists the torrents, each grain gives its status once); a newer event always wins over an older load.
/// </summary>
public sealed class TorrentStatusCache(IRealtimeFeed feed, IGrainFactory grains, TorrentStore store, TimeProvider clock,
    ILogger<TorrentStatusCache> logger) : IHostedService
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private static readonly TimeSpan ReadyWait = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim loading = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private IDisposable? subscription;

    /// <summary>Bumped whenever any torrent changes, so callers can reuse what they built from an unchanged cache.</summary>
    public long Version => Interlocked.Read(ref version);

    private long version;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = feed.Subscribe(OnEventsAsync);
        feed.Resumed += OnResumed;
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        feed.Resumed -= OnResumed;
        subscription?.Dispose();
        await stopping.CancelAsync();
    }

    /// <summary>Every torrent known, once the first load finished (or after a bounded wait for it).</summary>
    public async Task<IReadOnlyList<TorrentStatus>> AllAsync(CancellationToken cancellationToken = default)
    {
        await WaitReadyAsync(cancellationToken);
        return entries.Values.Where(e => e.Status is not null).Select(e => e.Status!).ToList();
    }

    /// <summary>One torrent's status; null when unknown (or removed).</summary>
    public async Task<TorrentStatus?> GetAsync(string infoHash, CancellationToken cancellationToken = default)
    {
        await WaitReadyAsync(cancellationToken);
        return entries.TryGetValue(infoHash, out var entry) ? entry.Status : null;
    }

    /// <summary>Records what a caller just read from the grain (a write it made), so this process reads its own writes.</summary>
    public void Put(string infoHash, TorrentStatus? status) => Apply(infoHash, status, clock.GetUtcNow());

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        if (!ready.Task.IsCompleted)
        {
            _ = LoadAsync();
            await Task.WhenAny(ready.Task, Task.Delay(ReadyWait, clock, cancellationToken));
        }
    }

    private Task OnEventsAsync(IReadOnlyList<RealtimeEvent> events)
    {
        foreach (var e in events)
        {
            if (e.Topic != RealtimeTopics.Torrents || e.Subject is not { } infoHash)
            {
                continue;
            }
            switch (e.Type)
            {
                case ITorrentGrain.AddedEvent or ITorrentGrain.ChangedEvent or ITorrentGrain.ProgressEvent:
                    try
                    {
                        Apply(infoHash, JsonSerializer.Deserialize<TorrentStatus>(e.Data, PayloadJson), e.At);
                    }
                    catch (JsonException ex)
                    {
                        logger.LogWarning(ex, "A {Type} event for {InfoHash} could not be read", e.Type, infoHash);
                    }
                    break;
                case ITorrentGrain.RemovedEvent:
                    Apply(infoHash, null, e.At);
                    break;
            }
        }
        return Task.CompletedTask;
    }

    private void OnResumed() => _ = LoadAsync();

    /// <summary>Lists the torrents from the read model and asks each grain once for its status.</summary>
    private async Task LoadAsync()
    {
        if (!await loading.WaitAsync(0))
        {
            return;
        }
        try
        {
            var started = clock.GetUtcNow();
            var torrents = await store.ListAsync(stopping.Token);
            await Parallel.ForEachAsync(torrents, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = stopping.Token }, async (torrent, _) =>
            {
                try
                {
                    Apply(torrent.InfoHash, await grains.GetGrain<ITorrentGrain>(torrent.InfoHash).GetStatusAsync(), started);
                }
                catch (Exception ex) when (ex is OrleansException or TimeoutException)
                {
                    logger.LogWarning(ex, "Torrent {InfoHash} did not answer; its events will fill it in", torrent.InfoHash);
                }
            });
            // Torrents removed while the feed was away: gone from the read model, and no event after the load began.
            var listed = torrents.Select(t => t.InfoHash).ToHashSet(StringComparer.Ordinal);
            foreach (var (infoHash, entry) in entries)
            {
                if (!listed.Contains(infoHash) && entry.At < started)
                {
                    Apply(infoHash, null, started);
                }
            }
            ready.TrySetResult();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException or OrleansException)
        {
            logger.LogWarning(ex, "The torrent list could not be loaded; retrying at the next request or feed gap");
        }
        finally
        {
            loading.Release();
        }
    }

    private void Apply(string infoHash, TorrentStatus? status, DateTimeOffset at)
    {
        entries.AddOrUpdate(infoHash, _ => new Entry(status, at), (_, current) => at >= current.At ? new Entry(status, at) : current);
        Interlocked.Increment(ref version);
    }

    private sealed record Entry(TorrentStatus? Status, DateTimeOffset At);
}
