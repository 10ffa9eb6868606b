namespace Swarmgrid.Data.Library;

/// <summary>
/// One torrent of the library. <see cref="InfoHash"/> is the v1 hash in hex (the v2 hash for a v2-only torrent);
/// <see cref="V2InfoHash"/> is a hybrid's or v2 torrent's full v2 hash. <see cref="FileCount"/> is 0 while only a
/// name is known (a magnet link whose metadata has not arrived).
/// </summary>
public sealed record LibraryItemRecord(
    string InfoHash, string? V2InfoHash, string Name, string Title, string ContentType, long SizeBytes, int FileCount, DateTimeOffset CreatedAt);

/// <summary>A file of a library item, its path joined with '/'.</summary>
public sealed record LibraryFileRecord(string Path, long SizeBytes);

/// <summary>
/// What a sighting says of a torrent; <see cref="Words"/> is what search matches (title, name and file names as words).
/// </summary>
public sealed record LibraryItemUpsert(
    string InfoHash, string? V2InfoHash, string Name, string Title, string ContentType, long SizeBytes,
    IReadOnlyList<LibraryFileRecord> Files, string Words);

/// <summary>One sighting of a torrent: where it was seen (<see cref="Source"/>) and what was seen (JSON <see cref="Payload"/>).</summary>
public sealed record LibraryEvidenceRecord(long Id, string InfoHash, string Source, string Payload, DateTimeOffset RecordedAt);

/// <summary>
/// A library search: words to match (all of them, as prefixes), a content type or any of several
/// (<see cref="AnyContentType"/>), a page.
/// </summary>
public sealed record LibrarySearch(string? Query, string? ContentType, int Limit, int Offset, IReadOnlyCollection<string>? AnyContentType = null);

/// <summary>The library's totals for its stats.</summary>
public sealed record LibraryTotals(long Torrents, long Evidence, IReadOnlyDictionary<string, long> ByContentType, DateTimeOffset? LastCrawlAt);
