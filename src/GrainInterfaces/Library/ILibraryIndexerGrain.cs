using Orleans.Concurrency;

namespace Swarmgrid.GrainInterfaces.Library;

/// <summary>
/// Turns sightings of torrents into the library: an item per torrent (classified, titled, searchable) and an evidence
/// record per sighting; a new or newly described item is matched against every active want, and a want's owner is
/// notified once. A stateless worker (key 0): any silo indexes, the database keeps the one truth.
/// </summary>
public interface ILibraryIndexerGrain : IGrainWithIntegerKey
{
    /// <summary>Realtime event of topic <c>library</c> (subject: the info-hash) when an item is added; payload the item summary.</summary>
    const string TorrentAddedEvent = "library.torrent_added";

    /// <summary>Realtime event of topic <c>notifications</c> (subject: the user id, delivered to that user only); payload the notification.</summary>
    const string NotificationEvent = "notification.created";

    /// <summary>Records the sighting; never awaited by the sighted party (a registry upload or a client add must not wait on the library).</summary>
    [OneWay]
    Task RecordAsync(LibrarySighting sighting);

    /// <summary>Records the sighting and answers when it is stored (for callers that want to see the result at once).</summary>
    Task RecordNowAsync(LibrarySighting sighting);

    /// <summary>
    /// Fulfils a just-created want with the best match already in the library, if there is one (notifying its owner as
    /// a later match would); true when it was fulfilled.
    /// </summary>
    Task<bool> MatchLibraryAsync(string userId, string wantId);

    /// <summary>Adds the demo data (torrents and evidence for everyone, wants and notifications for <paramref name="userId"/>) unless present; what the demo holds.</summary>
    Task<LibraryDemoCounts> SeedDemoAsync(string userId);
}

/// <summary>
/// One sighting: the torrent's hex info-hash (v1, or v2 for a v2-only torrent), where it was seen (<c>dht</c>,
/// <c>tracker</c>, <c>registry</c>, <c>rss</c>, <c>client</c>, <c>webhook</c>), its metainfo when known (a whole .torrent
/// or a bare info dictionary), else a name and size, and what the source saw as a JSON object.
/// </summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.LibrarySighting")]
public sealed record LibrarySighting(
    [property: Id(0)] string InfoHash,
    [property: Id(1)] string Source,
    [property: Id(2)] byte[]? Metainfo = null,
    [property: Id(3)] string? Name = null,
    [property: Id(4)] long? Size = null,
    [property: Id(5)] string? PayloadJson = null,
    [property: Id(6)] string? V2InfoHash = null);

/// <summary>How many demo records of each kind exist after seeding.</summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.LibraryDemoCounts")]
public sealed record LibraryDemoCounts(
    [property: Id(0)] int Torrents,
    [property: Id(1)] int Evidence,
    [property: Id(2)] int Wants,
    [property: Id(3)] int Notifications);
