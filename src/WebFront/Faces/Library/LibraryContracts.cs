using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Swarmgrid.BitTorrent.Magnet;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.Data.Library;
using Swarmgrid.GrainInterfaces.Library;
using Swarmgrid.Hosting;

namespace Swarmgrid.WebFront.Faces.Library;

/// <summary><c>GET /api/torrents</c>: <c>q</c> (words, each matched as a prefix), <c>content_type</c>, <c>limit</c> 1–500 (50), <c>offset</c>.</summary>
public sealed record LibrarySearchQuery(
    [FromQuery(Name = "q")] string? Q,
    [FromQuery(Name = "content_type")] string? ContentType,
    [FromQuery(Name = "limit")] int? Limit,
    [FromQuery(Name = "offset")] int? Offset) : IValidatable
{
    public const int MaxLimit = 500;

    public string? Validate() =>
        Limit is < 1 or > MaxLimit ? "limit must be an integer from 1 to 500"
        : Offset is < 0 ? "offset must be a non-negative integer"
        : Q is { Length: > 500 } ? "q must be at most 500 characters"
        : !string.IsNullOrEmpty(ContentType) && !ContentTypes.All.Contains(ContentType)
            ? $"content_type must be one of {string.Join(", ", ContentTypes.All)}"
        : null;
}

/// <summary><c>GET /api/evidence</c>: <c>limit</c> 1–500 (50), <c>offset</c>.</summary>
public sealed record EvidencePageQuery(
    [FromQuery(Name = "limit")] int? Limit,
    [FromQuery(Name = "offset")] int? Offset) : IValidatable
{
    public string? Validate() =>
        Limit is < 1 or > LibrarySearchQuery.MaxLimit ? "limit must be an integer from 1 to 500"
        : Offset is < 0 ? "offset must be a non-negative integer"
        : null;
}

public sealed record LibraryTorrentSummary(
    [property: JsonPropertyName("info_hash")] string InfoHash,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("content_type")] string ContentType,
    [property: JsonPropertyName("size_bytes")] long SizeBytes,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt)
{
    public static LibraryTorrentSummary From(LibraryItemRecord item) => new(item.InfoHash, item.Title, item.ContentType, item.SizeBytes, item.CreatedAt);
}

public sealed record LibraryTorrentList(
    [property: JsonPropertyName("totalCount")] long TotalCount,
    [property: JsonPropertyName("items")] IReadOnlyList<LibraryTorrentSummary> Items);

public sealed record LibraryFileResponse(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("size_bytes")] long SizeBytes);

public sealed record LibraryEvidenceSummary(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("recorded_at")] DateTimeOffset RecordedAt,
    [property: JsonPropertyName("payload")] JsonElement Payload)
{
    public static LibraryEvidenceSummary From(LibraryEvidenceRecord record) =>
        new(EvidenceId.Format(record.Id), record.Source, record.RecordedAt, EvidenceId.Payload(record.Payload));
}

/// <summary>
/// One torrent with its files, its evidence and a magnet link carrying both hashes of a hybrid; <c>name</c> is the
/// torrent's own name, <c>v2_info_hash</c> the full v2 hash when it has one.
/// </summary>
public sealed record LibraryTorrentDetail(
    [property: JsonPropertyName("info_hash")] string InfoHash,
    [property: JsonPropertyName("v2_info_hash")] string? V2InfoHash,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("content_type")] string ContentType,
    [property: JsonPropertyName("size_bytes")] long SizeBytes,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("magnet_uri")] string MagnetUri,
    [property: JsonPropertyName("files")] IReadOnlyList<LibraryFileResponse> Files,
    [property: JsonPropertyName("evidence")] IReadOnlyList<LibraryEvidenceSummary> Evidence)
{
    public static LibraryTorrentDetail From(LibraryItemRecord item, IReadOnlyList<LibraryFileRecord> files, IReadOnlyList<LibraryEvidenceRecord> evidence)
    {
        var v2 = item.V2InfoHash ?? (item.InfoHash.Length == 64 ? item.InfoHash : null);
        var hashes = new InfoHashes(
            item.InfoHash.Length == 40 ? BitTorrent.Metainfo.InfoHash.FromHex(item.InfoHash) : null, v2 is null ? null : BitTorrent.Metainfo.InfoHash.FromHex(v2));
        return new LibraryTorrentDetail(item.InfoHash, item.V2InfoHash, item.Title, item.Name, item.ContentType, item.SizeBytes, item.CreatedAt,
            new MagnetLink(hashes, item.Name).ToString(),
            files.Select(f => new LibraryFileResponse(f.Path, f.SizeBytes)).ToList(),
            evidence.Select(LibraryEvidenceSummary.From).ToList());
    }
}

public sealed record LibraryEvidenceResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("info_hash")] string InfoHash,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("recorded_at")] DateTimeOffset RecordedAt,
    [property: JsonPropertyName("payload")] JsonElement Payload)
{
    public static LibraryEvidenceResponse From(LibraryEvidenceRecord record) =>
        new(EvidenceId.Format(record.Id), record.InfoHash, record.Source, record.RecordedAt, EvidenceId.Payload(record.Payload));
}

public sealed record LibraryEvidenceList([property: JsonPropertyName("items")] IReadOnlyList<LibraryEvidenceResponse> Items);

/// <summary>Evidence ids as the seed spells them (<c>ev_</c> and a number), and payloads as JSON objects.</summary>
public static class EvidenceId
{
    public static string Format(long id) => $"ev_{id:D3}";

    public static JsonElement Payload(string json)
    {
        using var document = JsonDocument.Parse(string.IsNullOrEmpty(json) ? "{}" : json);
        return document.RootElement.Clone();
    }
}
