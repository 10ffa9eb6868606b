namespace Swarmgrid.GrainInterfaces.Torrents;

/// <summary>
/// One torrent of the client, keyed by its lower-case hex info-hash (the 40-character v1 hash, or the 64-character
/// v2 hash for a v2-only torrent). It holds what must survive a restart and runs the torrent in the engine of the
/// silo that activates it; while added it stays active, and a restarted silo brings it back.
/// </summary>
public interface ITorrentGrain : IGrainWithStringKey
{
    /// <summary>Realtime events of topic <c>torrents</c> (subject: the info-hash); the payload is the <see cref="TorrentStatus"/>.</summary>
    const string AddedEvent = "torrent.added";
    const string ChangedEvent = "torrent.changed";
    const string ProgressEvent = "torrent.progress";

    /// <summary>Payload <c>{"info_hash","deleted_data"}</c>.</summary>
    const string RemovedEvent = "torrent.removed";

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

    /// <summary>Files the torrent under a category; null for none.</summary>
    ValueTask SetCategoryAsync(string? category);

    /// <summary>Replaces the torrent's tags.</summary>
    ValueTask SetTagsAsync(IReadOnlyList<string> tags);

    /// <summary>Runs the torrent regardless of the active limits, or returns it to the queue.</summary>
    ValueTask SetForceStartAsync(bool forceStart);

    /// <summary>Moves the torrent in its silo's queue; returns the new position (0 first).</summary>
    ValueTask<int> MoveInQueueAsync(QueueMove move);

    /// <summary>Stops and forgets the torrent; its downloaded files and resume data are deleted when <paramref name="deleteData"/>.</summary>
    ValueTask RemoveAsync(bool deleteData);

    /// <summary>What the torrent is and how it is doing now; null when it was never added (or was removed).</summary>
    ValueTask<TorrentStatus?> GetStatusAsync();
}
