using Orleans.Concurrency;

namespace Swarmgrid.GrainInterfaces.Torrents;

/// <summary>
/// One torrent of the client, keyed by its lower-case hex info-hash (the 40-character v1 hash, or the 64-character
/// v2 hash for a v2-only torrent). It holds what must survive a restart and runs the torrent in the engine of the
/// silo that activates it, while the cluster's queue (<see cref="ITorrentQueueGrain"/>) grants it a slot; while added
/// it stays active, a restarted silo brings it back, and when its silo dies another silo wakes it.
/// </summary>
public interface ITorrentGrain : IGrainWithStringKey
{
    /// <summary>Realtime events of topic <c>torrents</c> (subject: the info-hash); the payload is the <see cref="TorrentStatus"/>.</summary>
    const string AddedEvent = "torrent.added";
    const string ChangedEvent = "torrent.changed";
    const string ProgressEvent = "torrent.progress";

    /// <summary>Payload <c>{"info_hash","deleted_data"}</c>.</summary>
    const string RemovedEvent = "torrent.removed";

    /// <summary>
    /// Realtime event of topic <c>torrent:{infohash}</c> (only those following that torrent get it), once a second while
    /// the torrent is watched (<see cref="WatchAsync"/>); the payload is the <see cref="TorrentDetail"/>.
    /// </summary>
    const string DetailEvent = "torrent.detail";

    /// <summary>How long a <see cref="WatchAsync"/> lasts unless renewed.</summary>
    static readonly TimeSpan WatchLease = TimeSpan.FromSeconds(15);

    /// <summary>Adds the torrent (a second add of the same torrent changes nothing) and starts it unless added paused.</summary>
    /// <exception cref="ArgumentException">The source is not a valid torrent or magnet link, or its hash is not this grain's key.</exception>
    ValueTask<TorrentStatus> AddAsync(TorrentSource source);

    /// <summary>Stops transferring and stays stopped, across restarts too, until <see cref="ResumeAsync"/>.</summary>
    ValueTask PauseAsync();

    /// <summary>Starts again after <see cref="PauseAsync"/> (subject to the queue).</summary>
    ValueTask ResumeAsync();

    /// <summary>Hashes the data on disk again, trusting no resume data.</summary>
    ValueTask RecheckAsync();

    /// <summary>Sets each file's priority in the torrent's file order, on qBittorrent's scale: 0 skip, 1 normal, 6 high, 7 maximum.</summary>
    ValueTask SetFilePrioritiesAsync(IReadOnlyList<int> priorities);

    /// <summary>
    /// Changes the priorities of the files named by index (others keep theirs); false, changing nothing, while the
    /// torrent's file list is not known yet (a magnet link before its metadata arrives).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is not a file of the torrent, or a priority is outside 0 to 7.</exception>
    ValueTask<bool> ChangeFilePrioritiesAsync(IReadOnlyDictionary<int, int> priorities);

    /// <summary>Files the torrent under a client catalog category; null for none.</summary>
    ValueTask SetCategoryAsync(int? categoryId);

    /// <summary>Replaces the torrent's tags (client catalog tag ids).</summary>
    ValueTask SetTagsAsync(IReadOnlyList<int> tagIds);

    /// <summary>Adds a tag (no change when present).</summary>
    ValueTask AssignTagAsync(int tagId);

    /// <summary>Takes a tag off (no change when absent).</summary>
    ValueTask UnassignTagAsync(int tagId);

    /// <summary>
    /// Sets the torrent's own share limits; once complete and running, the grain applies the share-limit action (pause by
    /// default) when one is reached.
    /// </summary>
    ValueTask SetShareLimitsAsync(ShareLimits limits);

    /// <summary>
    /// Moves the torrent's data to <paramref name="savePath"/> (on the silo running it) and saves there from now on;
    /// false, changing nothing, when the data cannot be moved there (a file in the way, no permission).
    /// </summary>
    ValueTask<bool> SetSavePathAsync(string savePath);

    /// <summary>Runs the torrent regardless of the active limits, or returns it to the queue.</summary>
    ValueTask SetForceStartAsync(bool forceStart);

    /// <summary>Moves the torrent in the cluster's queue; returns the new position (0 first).</summary>
    ValueTask<int> MoveInQueueAsync(QueueMove move);

    /// <summary>Puts the torrent at <paramref name="position"/> in the cluster's queue (clamped to its length); the new position.</summary>
    ValueTask<int> SetQueuePositionAsync(int position);

    /// <summary>Stops and forgets the torrent; its downloaded files and resume data are deleted when <paramref name="deleteData"/>.</summary>
    ValueTask RemoveAsync(bool deleteData);

    /// <summary>What the torrent is and how it is doing now; null when it was never added (or was removed).</summary>
    ValueTask<TorrentStatus?> GetStatusAsync();

    /// <summary>Its files, peers and trackers as <paramref name="parts"/> asks; null when it was never added.</summary>
    ValueTask<TorrentDetail?> GetDetailAsync(DetailParts parts);

    /// <summary>
    /// Publishes <see cref="DetailEvent"/> with <paramref name="parts"/> (joined with other watchers' parts) once a second
    /// for the next <see cref="WatchLease"/>; watchers renew well within it. False when the torrent was never added.
    /// </summary>
    ValueTask<bool> WatchAsync(DetailParts parts);

    /// <summary>The queue's word on this torrent's slot (sent by <see cref="ITorrentQueueGrain"/>, never awaited).</summary>
    [OneWay]
    Task OnQueueSlotAsync(QueueSlot slot);
}
