namespace Swarmgrid.BitTorrent.Client;

/// <summary>
/// The queue: torrents in order, of which the first <see cref="MaxActiveDownloads"/> wanted downloads and the first
/// <see cref="MaxActiveSeeds"/> wanted seeds run; force-started torrents always run and do not count.
/// </summary>
public sealed partial class ClientEngine
{
    private readonly List<TorrentManager> queue = [];
    private readonly Lock queueGate = new();
    private readonly SemaphoreSlim scheduling = new(1, 1);
    private int maxActiveDownloads;
    private int maxActiveSeeds;

    /// <summary>Downloads running at once (force-started ones aside); a negative value means no limit.</summary>
    public int MaxActiveDownloads => Volatile.Read(ref maxActiveDownloads);

    /// <summary>Seeds running at once (force-started ones aside); a negative value means no limit.</summary>
    public int MaxActiveSeeds => Volatile.Read(ref maxActiveSeeds);

    /// <summary>Changes the active limits and starts or queues torrents to match.</summary>
    public Task SetQueueLimitsAsync(int downloads, int seeds)
    {
        Volatile.Write(ref maxActiveDownloads, downloads);
        Volatile.Write(ref maxActiveSeeds, seeds);
        return RescheduleAsync();
    }

    /// <summary>The torrents in queue order.</summary>
    public IReadOnlyList<TorrentManager> Queue
    {
        get
        {
            lock (queueGate)
            {
                return [.. queue];
            }
        }
    }

    /// <summary>Moves a torrent one place towards the front of the queue.</summary>
    public Task MoveUpAsync(TorrentManager manager) => MoveAsync(manager, position => position - 1);

    /// <summary>Moves a torrent one place towards the back of the queue.</summary>
    public Task MoveDownAsync(TorrentManager manager) => MoveAsync(manager, position => position + 1);

    /// <summary>Moves a torrent to the front of the queue.</summary>
    public Task MoveToTopAsync(TorrentManager manager) => MoveAsync(manager, _ => 0);

    /// <summary>Moves a torrent to the back of the queue.</summary>
    public Task MoveToBottomAsync(TorrentManager manager) => MoveAsync(manager, _ => int.MaxValue);

    /// <summary>Puts a torrent at <paramref name="position"/> (clamped to the queue), 0 being the front.</summary>
    public Task SetQueuePositionAsync(TorrentManager manager, int position) => MoveAsync(manager, _ => position);

    internal int QueuePositionOf(TorrentManager manager)
    {
        lock (queueGate)
        {
            return queue.IndexOf(manager);
        }
    }

    /// <summary>Reschedules off the caller's thread; for callers that hold a torrent's lock.</summary>
    internal void RequestReschedule() => _ = Task.Run(RescheduleAsync);

    /// <summary>Starts the torrents the queue lets run and queues the rest, stopping those first to free their slots.</summary>
    internal async Task RescheduleAsync()
    {
        if (closing.IsCancellationRequested)
        {
            return;
        }
        await scheduling.WaitAsync();
        try
        {
            int downloads = 0, seeds = 0;
            var start = new List<TorrentManager>();
            var wait = new List<TorrentManager>();
            foreach (var manager in Queue)
            {
                var (wanted, forced, seeding) = manager.QueueFacts();
                if (!wanted)
                {
                    continue;
                }
                var runs = forced || (seeding ? HasRoom(ref seeds, MaxActiveSeeds) : HasRoom(ref downloads, MaxActiveDownloads));
                (runs ? start : wait).Add(manager);
            }
            foreach (var manager in wait)
            {
                await manager.DeactivateAsync(TorrentState.Queued);
            }
            if (closing.IsCancellationRequested)
            {
                return;
            }
            foreach (var manager in start)
            {
                manager.Activate();
            }
        }
        finally
        {
            scheduling.Release();
        }
    }

    private static bool HasRoom(ref int active, int limit)
    {
        if (limit >= 0 && active >= limit)
        {
            return false;
        }
        active++;
        return true;
    }

    private Task MoveAsync(TorrentManager manager, Func<int, int> target)
    {
        lock (queueGate)
        {
            var from = queue.IndexOf(manager);
            if (from < 0)
            {
                throw new InvalidOperationException("The torrent is not in this engine.");
            }
            queue.RemoveAt(from);
            queue.Insert(Math.Clamp(target(from), 0, queue.Count), manager);
        }
        return RescheduleAsync();
    }
}
