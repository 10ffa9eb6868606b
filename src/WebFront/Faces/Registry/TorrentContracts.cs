using System.Text.Json.Serialization;

namespace Swarmgrid.WebFront.Faces.Registry;

/// <summary>What <c>GET /api/registry/meta</c> serves: the data of a stored .torrent, written when it was uploaded.</summary>
public sealed record TorrentMetaResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("piece_length")] int PieceLength,
    [property: JsonPropertyName("piece_count")] int PieceCount,
    [property: JsonPropertyName("total_size")] long TotalSize,
    [property: JsonPropertyName("files")] IReadOnlyList<TorrentFileResponse> Files);

public sealed record TorrentFileResponse(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("length")] long Length);

public sealed record TorrentUploadResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("info_hash")] string InfoHash,
    [property: JsonPropertyName("v1_info_hash")] string? V1InfoHash);

/// <summary>The multipart form of a .torrent upload, for the API document; the handler reads the form itself.</summary>
public sealed record TorrentUploadForm(
    [property: JsonPropertyName("torrent")] IFormFile Torrent,
    [property: JsonPropertyName("name")] string? Name = null,
    [property: JsonPropertyName("description")] string? Description = null,
    [property: JsonPropertyName("publisher")] string? Publisher = null,
    [property: JsonPropertyName("license")] string? License = null,
    [property: JsonPropertyName("category")] string? Category = null,
    [property: JsonPropertyName("tags")] string? Tags = null);
