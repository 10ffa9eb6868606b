using System.Text.Json.Serialization;
using Swarmgrid.BitTorrent.Magnet;
using Swarmgrid.Hosting;

namespace Swarmgrid.WebFront.Faces.Client;

/// <summary>Mosaic's TorrentDTO: one torrent as the list and <c>torrents:tick</c> show it.</summary>
public sealed record TorrentDto(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("magnet")] string Magnet,
    [property: JsonPropertyName("save_path")] string SavePath,
    [property: JsonPropertyName("total_bytes")] long TotalBytes,
    [property: JsonPropertyName("bytes_done")] long BytesDone,
    [property: JsonPropertyName("progress")] double Progress,
    [property: JsonPropertyName("download_rate")] long DownloadRate,
    [property: JsonPropertyName("upload_rate")] long UploadRate,
    [property: JsonPropertyName("peers")] int Peers,
    [property: JsonPropertyName("seeds")] int Seeds,
    [property: JsonPropertyName("paused")] bool Paused,
    [property: JsonPropertyName("completed")] bool Completed,
    [property: JsonPropertyName("added_at")] long AddedAt,
    [property: JsonPropertyName("category_id")] int? CategoryId,
    [property: JsonPropertyName("tags")] IReadOnlyList<TagDto> Tags,
    [property: JsonPropertyName("queue_position")] int QueuePosition,
    [property: JsonPropertyName("force_start")] bool ForceStart,
    [property: JsonPropertyName("queued")] bool Queued,
    [property: JsonPropertyName("verifying")] bool Verifying,
    [property: JsonPropertyName("files_missing")] bool FilesMissing);

public sealed record TagDto(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("color")] string Color);

public sealed record CategoryDto(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("default_save_path")] string DefaultSavePath,
    [property: JsonPropertyName("color")] string Color);

/// <summary>Mosaic's GlobalStats.</summary>
public sealed record GlobalStatsDto(
    [property: JsonPropertyName("total_torrents")] int TotalTorrents,
    [property: JsonPropertyName("active_torrents")] int ActiveTorrents,
    [property: JsonPropertyName("seeding_torrents")] int SeedingTorrents,
    [property: JsonPropertyName("total_download_rate")] long TotalDownloadRate,
    [property: JsonPropertyName("total_upload_rate")] long TotalUploadRate,
    [property: JsonPropertyName("total_peers")] int TotalPeers);

/// <summary>Mosaic's DetailDTO: the focused torrent, with files, peers and trackers as the inspector's tabs ask.</summary>
public sealed record DetailDto(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("magnet")] string Magnet,
    [property: JsonPropertyName("save_path")] string SavePath,
    [property: JsonPropertyName("total_bytes")] long TotalBytes,
    [property: JsonPropertyName("bytes_done")] long BytesDone,
    [property: JsonPropertyName("progress")] double Progress,
    [property: JsonPropertyName("ratio")] double Ratio,
    [property: JsonPropertyName("total_down")] long TotalDown,
    [property: JsonPropertyName("total_up")] long TotalUp,
    [property: JsonPropertyName("peers")] int Peers,
    [property: JsonPropertyName("seeds")] int Seeds,
    [property: JsonPropertyName("added_at")] long AddedAt,
    [property: JsonPropertyName("files"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FileDto>? Files,
    [property: JsonPropertyName("peers_list"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<PeerDto>? PeersList,
    [property: JsonPropertyName("trackers"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TrackerDto>? Trackers);

public sealed record FileDto(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("bytes_done")] long BytesDone,
    [property: JsonPropertyName("progress")] double Progress,
    [property: JsonPropertyName("priority")] string Priority);

public sealed record PeerDto(
    [property: JsonPropertyName("ip")] string Ip,
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("client")] string Client,
    [property: JsonPropertyName("flags")] string Flags,
    [property: JsonPropertyName("progress")] double Progress,
    [property: JsonPropertyName("download_rate")] long DownloadRate,
    [property: JsonPropertyName("upload_rate")] long UploadRate,
    [property: JsonPropertyName("country")] string Country);

public sealed record TrackerDto(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("seeds")] long Seeds,
    [property: JsonPropertyName("peers")] long Peers,
    [property: JsonPropertyName("downloaded")] long Downloaded,
    [property: JsonPropertyName("last_announce")] long LastAnnounce,
    [property: JsonPropertyName("next_announce")] long NextAnnounce);

/// <summary>A <c>/ws</c> frame: <c>{"type","ts","data"}</c>, <c>ts</c> in unix milliseconds.</summary>
public sealed record Envelope(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("ts")] long Ts,
    [property: JsonPropertyName("data")] object? Data);

public sealed record AddedTorrentResponse([property: JsonPropertyName("id")] string Id);

public sealed record CreatedResponse([property: JsonPropertyName("id")] int Id);

public sealed record AddMagnetRequest(
    [property: JsonPropertyName("magnet")] string? Magnet,
    [property: JsonPropertyName("save_path")] string? SavePath = null) : IValidatable
{
    public string? Validate() =>
        string.IsNullOrWhiteSpace(Magnet) ? "magnet is required"
        : Magnet.Length > 64 * 1024 ? "magnet is too long"
        : !MagnetLink.TryParse(Magnet, out _) ? "invalid magnet link"
        : ClientRules.SavePathProblem(SavePath);
}

public sealed record TorrentCategoryRequest(
    [property: JsonPropertyName("infohash")] string? InfoHash,
    [property: JsonPropertyName("category_id")] int? CategoryId = null) : IValidatable
{
    public string? Validate() => ClientRules.InfoHashProblem(InfoHash) ?? (CategoryId is <= 0 ? "category_id must be a positive number or null" : null);
}

public sealed record FilePrioritiesRequest(
    [property: JsonPropertyName("infohash")] string? InfoHash,
    [property: JsonPropertyName("priorities")] Dictionary<string, string?>? Priorities) : IValidatable
{
    public string? Validate() =>
        ClientRules.InfoHashProblem(InfoHash)
        ?? (Priorities is null ? "priorities is required: an object of file index to skip, normal, high or max"
        : Priorities.Count > 100_000 ? "too many priorities"
        : Priorities.Keys.FirstOrDefault(k => !int.TryParse(k, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
            is { } bad ? $"priorities keys are file indexes (0, 1, …); '{bad}' is not one"
        : null);
}

public sealed record QueuePositionRequest(
    [property: JsonPropertyName("infohash")] string? InfoHash,
    [property: JsonPropertyName("pos")] int? Pos) : IValidatable
{
    public string? Validate() =>
        ClientRules.InfoHashProblem(InfoHash) ?? (Pos is null ? "pos is required" : Pos < 0 ? "pos must be 0 or more" : null);
}

public sealed record ForceStartRequest(
    [property: JsonPropertyName("infohash")] string? InfoHash,
    [property: JsonPropertyName("force")] bool? Force) : IValidatable
{
    public string? Validate() => ClientRules.InfoHashProblem(InfoHash) ?? (Force is null ? "force is required (true or false)" : null);
}

public sealed record InspectorFocusRequest(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("tabs")] IReadOnlyList<string?>? Tabs = null) : IValidatable
{
    public static readonly IReadOnlySet<string> KnownTabs = new HashSet<string>(StringComparer.Ordinal) { "overview", "files", "peers", "trackers", "speed" };

    public string? Validate() =>
        (string.IsNullOrEmpty(Id) ? null : ClientRules.InfoHashProblem(Id, "id"))
        ?? (Tabs is { Count: > 16 } ? "too many tabs"
        : Tabs?.FirstOrDefault(t => t is null || !KnownTabs.Contains(t), "") is not "" and var bad
            ? $"unknown tab '{bad}'; tabs: overview, files, peers, trackers, speed"
        : null);
}

public sealed record CategoryRequest(
    [property: JsonPropertyName("id")] int? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("default_save_path")] string? DefaultSavePath = null,
    [property: JsonPropertyName("color")] string? Color = null) : IValidatable
{
    public string? Validate() =>
        string.IsNullOrWhiteSpace(Name) ? "name is required"
        : Name.Length > 128 ? "name is longer than 128 characters"
        : ClientRules.SavePathProblem(DefaultSavePath, "default_save_path")
        ?? ClientRules.ColorProblem(Color);
}

public sealed record TagRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("color")] string? Color = null) : IValidatable
{
    public string? Validate() =>
        string.IsNullOrWhiteSpace(Name) ? "name is required"
        : Name.Length > 128 ? "name is longer than 128 characters"
        : ClientRules.ColorProblem(Color);
}

public sealed record TagAssignRequest(
    [property: JsonPropertyName("infohash")] string? InfoHash,
    [property: JsonPropertyName("tag_id")] int? TagId) : IValidatable
{
    public string? Validate() => ClientRules.InfoHashProblem(InfoHash) ?? (TagId is null ? "tag_id is required" : TagId <= 0 ? "tag_id must be a positive number" : null);
}

/// <summary>The checks the client face's requests share.</summary>
public static class ClientRules
{
    public const int MaxSavePath = 4096;

    /// <summary>Why <paramref name="value"/> is not an info-hash (40 or 64 hex digits), or null.</summary>
    public static string? InfoHashProblem(string? value, string field = "infohash") =>
        string.IsNullOrEmpty(value) ? $"{field} is required"
        : TryInfoHash(value, out _) ? null
        : $"{field} must be a 40- or 64-character hex info-hash";

    /// <summary>The grain key of a torrent named by <paramref name="value"/>: its lower-case hex.</summary>
    public static bool TryInfoHash(string? value, out string key)
    {
        key = value?.ToLowerInvariant() ?? "";
        return key.Length is 40 or 64 && key.All(char.IsAsciiHexDigitLower);
    }

    public static string? SavePathProblem(string? path, string field = "save_path") =>
        path is null || path.Length == 0 ? null
        : path.Length > MaxSavePath ? $"{field} is too long"
        : path.Contains('\0') ? $"{field} holds a NUL character"
        : !Path.IsPathFullyQualified(path) ? $"{field} must be an absolute path"
        : null;

    public static string? ColorProblem(string? color) =>
        color is null || color.Length == 0 ? null
        : color.Length > 32 ? "color is longer than 32 characters"
        : null;

    /// <summary>Mosaic's priority names on qBittorrent's scale: skip 0, normal 1, high 6, max 7; anything else is normal.</summary>
    public static int Priority(string? name) => name switch
    {
        "skip" => 0,
        "high" => 6,
        "max" => 7,
        _ => 1,
    };

    public static string PriorityName(int priority) => priority switch
    {
        <= 0 => "skip",
        7 => "max",
        6 => "high",
        _ => "normal",
    };
}

/// <summary>The multipart form of a .torrent upload, for the API document; the handler reads the form itself.</summary>
public sealed record TorrentFileUpload(
    [property: JsonPropertyName("file")] IFormFile File,
    [property: JsonPropertyName("save_path")] string? SavePath = null);
