namespace Swarmgrid.GrainInterfaces.Torrents;

/// <summary>
/// What to add: the bytes of a .torrent file or a magnet URI (exactly one), where to save it (the silo's download
/// folder when null), and how to start; <see cref="CategoryId"/> and <see cref="TagIds"/> name client catalog entries;
/// <see cref="ShareLimits"/> are the torrent's own share limits (null: the global ones).
/// </summary>
[GenerateSerializer, Immutable, Alias("Swarmgrid.TorrentSource")]
public sealed record TorrentSource(
    [property: Id(0)] byte[]? Metainfo,
    [property: Id(1)] string? MagnetUri,
    [property: Id(2)] string? SavePath = null,
    [property: Id(3)] bool Paused = false,
    [property: Id(6)] int? CategoryId = null,
    [property: Id(7)] IReadOnlyList<int>? TagIds = null,
    [property: Id(8)] ShareLimits? ShareLimits = null);
