namespace Swarmgrid.GrainInterfaces.Torrents;

/// <summary>
/// A torrent's kept settings and live figures. <see cref="State"/> is the engine's state name (Stopped, Queued,
/// FetchingMetadata, Hashing, Downloading, Seeding, Error); sizes are bytes of wanted files, rates bytes per second.
/// <see cref="Downloaded"/> and <see cref="Uploaded"/> are lifetime totals (kept across restarts and silos).
/// <see cref="QueuePosition"/> is the torrent's place in the cluster's one queue (0 first); <see cref="Queued"/> says
/// the queue holds it back. <see cref="CategoryId"/> and <see cref="TagIds"/> name entries of the client catalog.
/// <see cref="ShareLimits"/> are the torrent's own (each may say "use the global one"); <see cref="SeedingSeconds"/> is the
/// time it ran complete, <see cref="CompletedAt"/> when its data was first found complete and <see cref="LastActivity"/>
/// when it last moved data (all kept across restarts).
/// </summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.TorrentStatus")]
public sealed record TorrentStatus(
    [property: Id(0)] string InfoHash,
    [property: Id(1)] string Name,
    [property: Id(2)] string State,
    [property: Id(3)] long TotalBytes,
    [property: Id(4)] long BytesDone,
    [property: Id(5)] double Progress,
    [property: Id(6)] long DownloadRate,
    [property: Id(7)] long UploadRate,
    [property: Id(8)] long Downloaded,
    [property: Id(9)] long Uploaded,
    [property: Id(10)] int Peers,
    [property: Id(11)] int Seeds,
    [property: Id(12)] bool Paused,
    [property: Id(13)] bool Completed,
    [property: Id(14)] int QueuePosition,
    [property: Id(15)] bool ForceStart,
    [property: Id(16)] bool Queued,
    [property: Id(17)] bool Verifying,
    [property: Id(18)] bool FilesMissing,
    [property: Id(19)] int VerifiedPieces,
    [property: Id(20)] int PieceCount,
    [property: Id(21)] string SavePath,
    [property: Id(28)] int? CategoryId,
    [property: Id(29)] IReadOnlyList<int> TagIds,
    [property: Id(24)] IReadOnlyList<int> FilePriorities,
    [property: Id(25)] DateTimeOffset AddedAt,
    [property: Id(26)] string? Error,
    [property: Id(27)] string Silo,
    [property: Id(30)] string Magnet,
    [property: Id(31)] int FileCount,
    [property: Id(32)] ShareLimits? ShareLimits = null,
    [property: Id(33)] long SeedingSeconds = 0,
    [property: Id(34)] DateTimeOffset? CompletedAt = null,
    [property: Id(35)] DateTimeOffset? LastActivity = null);
