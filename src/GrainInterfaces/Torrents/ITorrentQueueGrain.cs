namespace Swarmgrid.GrainInterfaces.Torrents;

/// <summary>
/// The cluster's one torrent queue (key 0): every torrent in order, and which of them may run. Of the torrents that
/// want to run, the first <c>max_concurrent_downloads</c> incomplete ones and the first <c>max_active_seeds</c> complete
/// ones hold a run slot (0 = no limit); force-started torrents always hold one and count against neither limit. Torrent
/// grains report their facts and run their engine only while granted; the queue tells a torrent (one-way) when its
/// slot or position changes, whichever silo it runs on.
/// </summary>
public interface ITorrentQueueGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Adds the torrent at the back of the queue when new and records its facts; its slot now. A torrent whose slot this
    /// changes is told through <see cref="ITorrentGrain.OnQueueSlotAsync"/>, the caller only through the answer.
    /// </summary>
    ValueTask<QueueSlot> ReportAsync(string infoHash, QueueFacts facts);

    /// <summary>Puts the torrent at <paramref name="position"/> (clamped to the queue, 0 first); null when it is not queued.</summary>
    ValueTask<QueueSlot?> MoveToAsync(string infoHash, int position);

    /// <summary>Moves the torrent one place or to an end; null when it is not queued.</summary>
    ValueTask<QueueSlot?> MoveAsync(string infoHash, QueueMove move);

    /// <summary>Takes the torrent out of the queue, freeing its slot.</summary>
    ValueTask RemoveAsync(string infoHash);

    /// <summary>Sets the limits (0 = no limit) and grants or revokes slots to match.</summary>
    ValueTask SetLimitsAsync(int maxActiveDownloads, int maxActiveSeeds);

    ValueTask<QueueSnapshot> GetAsync();
}

/// <summary>What the queue needs to know of a torrent: it wants to run (not paused), is force-started, and is complete.</summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.QueueFacts")]
public sealed record QueueFacts([property: Id(0)] bool Wanted, [property: Id(1)] bool Forced, [property: Id(2)] bool Seeding);

/// <summary>A torrent's place in the queue (0 first) and whether it may run now.</summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.QueueSlot")]
public sealed record QueueSlot([property: Id(0)] int Position, [property: Id(1)] bool Granted);

[GenerateSerializer, Immutable, Alias("Swarmgrid.QueueEntry")]
public sealed record QueueEntry(
    [property: Id(0)] string InfoHash,
    [property: Id(1)] QueueFacts Facts,
    [property: Id(2)] bool Granted);

/// <summary>The limits in force (0 = none) and the queue in order.</summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.QueueSnapshot")]
public sealed record QueueSnapshot(
    [property: Id(0)] int MaxActiveDownloads,
    [property: Id(1)] int MaxActiveSeeds,
    [property: Id(2)] IReadOnlyList<QueueEntry> Entries);
