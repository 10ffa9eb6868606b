using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.GrainInterfaces.Torrents;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;

namespace Swarmgrid.WebFront.Faces.Qbittorrent;

/// <summary>
/// The reads of <c>torrents/*</c>: <c>info</c> (filter, category, tag, hashes, sort, reverse, limit, offset),
/// <c>properties</c>, <c>files</c> and <c>trackers</c> of one torrent (404 for an unknown hash, 400 without one).
/// </summary>
public static class QbtTorrentsApi
{
    private static readonly HashSet<string> Filters = new(StringComparer.Ordinal)
    {
        "all", "downloading", "seeding", "completed", "paused", "stopped", "active", "inactive", "resumed", "running", "stalled",
        "stalled_uploading", "stalled_downloading", "checking", "moving", "errored",
    };

    public static IEndpointRouteBuilder MapQbtTorrentsApi(this IEndpointRouteBuilder routes, string prefix)
    {
        var torrents = QbittorrentFace.Group(routes, prefix, "/torrents").RequireQbtRole(Role.Viewer)
            .WithMetadata(new JsonBodyLimit(JsonBodyLimit.DefaultBytes)).DisableAntiforgery();
        torrents.MapGet("/info", Info).WithName("QbtTorrentsInfo");
        torrents.MapGet("/properties", Properties).WithName("QbtTorrentProperties");
        torrents.MapGet("/files", Files).WithName("QbtTorrentFiles");
        torrents.MapGet("/trackers", Trackers).WithName("QbtTorrentTrackers");
        return routes;
    }

    public static async Task<Results<Ok<JsonArray>, ContentHttpResult>> Info(QbtParams query, QbtTorrentViews views, CancellationToken cancellationToken)
    {
        var filter = query["filter"] ?? "all";
        if (!Filters.Contains(filter))
        {
            return QbtText.BadRequest("unknown filter");
        }
        var context = await views.ContextAsync();
        IEnumerable<TorrentStatus> torrents = await views.AllAsync(cancellationToken);
        if (query.Hashes() is { All: false } hashes)
        {
            torrents = torrents.Where(t => hashes.Includes(t.InfoHash));
        }
        if (query["category"] is { } category)
        {
            torrents = torrents.Where(t => QbtTorrentViews.CategoryName(t, context) == category);
        }
        if (query["tag"] is { } tag)
        {
            torrents = torrents.Where(t => tag.Length == 0
                ? t.TagIds.Count(context.Tags.ContainsKey) == 0
                : t.TagIds.Any(id => context.Tags.TryGetValue(id, out var named) && named.Name == tag));
        }
        var list = torrents.Where(t => Matches(filter, t)).OrderBy(t => t.AddedAt).ThenBy(t => t.InfoHash, StringComparer.Ordinal)
            .Select(t => QbtTorrentViews.Info(t, context)).ToList();
        if (query["sort"] is { Length: > 0 } sort)
        {
            list = [.. list.OrderBy(t => t[sort], JsonNodeOrder.Instance)];
        }
        if (query.Bool("reverse") == true)
        {
            list.Reverse();
        }
        var offset = query.Long("offset") ?? 0;
        if (offset < 0)
        {
            offset = Math.Max(0, list.Count + offset);
        }
        var limit = query.Long("limit") is { } l and > 0 ? l : long.MaxValue;
        return TypedResults.Ok(new JsonArray([.. list.Skip((int)Math.Min(offset, int.MaxValue)).Take((int)Math.Min(limit, int.MaxValue))]));
    }

    /// <summary>qBittorrent's status filters, over this face's states.</summary>
    public static bool Matches(string filter, TorrentStatus t)
    {
        var state = QbtTorrentViews.State(t);
        var active = t.DownloadRate > 0 || t.UploadRate > 0;
        return filter switch
        {
            "downloading" => state is "downloading" or "stalledDL" or "metaDL" or "forcedMetaDL" or "queuedDL" or "forcedDL" or "checkingDL" or "stoppedDL",
            "seeding" => state is "uploading" or "stalledUP" or "queuedUP" or "forcedUP" or "checkingUP",
            "completed" => t.Completed,
            "paused" or "stopped" => t.Paused,
            "resumed" or "running" => !t.Paused,
            "active" => active,
            "inactive" => !active,
            "stalled" => state is "stalledUP" or "stalledDL",
            "stalled_uploading" => state == "stalledUP",
            "stalled_downloading" => state == "stalledDL",
            "checking" => state is "checkingUP" or "checkingDL" or "checkingResumeData",
            "moving" => state == "moving",
            "errored" => state is "error" or "missingFiles",
            _ => true,
        };
    }

    public static async Task<Results<Ok<JsonObject>, ContentHttpResult>> Properties(QbtParams query, QbtTorrentViews views, IGrainFactory grains)
    {
        if (await FindAsync(query, grains) is not var (torrent, status))
        {
            return query.Has("hash") ? QbtText.NotFound() : QbtText.BadRequest();
        }
        var detail = await torrent.GetDetailAsync(DetailParts.Trackers);
        return TypedResults.Ok(QbtTorrentViews.Properties(status, detail, await views.ContextAsync()));
    }

    public static async Task<Results<Ok<JsonArray>, ContentHttpResult>> Files(QbtParams query, IGrainFactory grains)
    {
        if (await FindAsync(query, grains) is not var (torrent, status))
        {
            return query.Has("hash") ? QbtText.NotFound() : QbtText.BadRequest();
        }
        var files = (await torrent.GetDetailAsync(DetailParts.Files))?.Files ?? [];
        var pieceSize = status.PieceCount > 0 ? (status.TotalBytes + status.PieceCount - 1) / status.PieceCount : 0;
        long offset = 0;
        var answer = new JsonArray();
        foreach (var file in files.OrderBy(f => f.Index))
        {
            var first = pieceSize > 0 ? (int)(offset / pieceSize) : 0;
            var last = pieceSize > 0 ? (int)(Math.Max(offset, offset + file.Size - 1) / pieceSize) : 0;
            offset += file.Size;
            answer.Add(new JsonObject
            {
                ["index"] = file.Index,
                ["name"] = file.Path,
                ["size"] = file.Size,
                ["progress"] = file.Size == 0 ? 1.0 : (double)file.BytesDone / file.Size,
                ["priority"] = file.Priority,
                ["is_seed"] = status.Completed,
                ["piece_range"] = new JsonArray(first, last),
                ["availability"] = status.Completed ? 1.0 : -1.0,
            });
        }
        return TypedResults.Ok(answer);
    }

    public static async Task<Results<Ok<JsonArray>, ContentHttpResult>> Trackers(QbtParams query, IGrainFactory grains)
    {
        if (await FindAsync(query, grains) is not var (torrent, status))
        {
            return query.Has("hash") ? QbtText.NotFound() : QbtText.BadRequest();
        }
        var answer = new JsonArray();
        foreach (var (url, peers) in new[] { ("** [DHT] **", 0), ("** [PeX] **", 0), ("** [LSD] **", 0) })
        {
            answer.Add(Tracker(url, 0, 0, "", 0, peers, 0, 0));
        }
        foreach (var tracker in (await torrent.GetDetailAsync(DetailParts.Trackers))?.Trackers ?? [])
        {
            var code = tracker.Status switch
            {
                "working" => 2,
                "updating" => 3,
                "error" or "not working" or "failed" => 4,
                _ => 1,
            };
            answer.Add(Tracker(tracker.Url, tracker.Tier, code, tracker.Message ?? "", (int)tracker.Seeds, (int)tracker.Peers, (int)tracker.Seeds,
                (int)tracker.Downloaded));
        }
        return TypedResults.Ok(answer);
    }

    private static JsonObject Tracker(string url, int tier, int status, string message, int seeds, int peers, int leeches, int downloaded) => new()
    {
        ["url"] = url,
        ["status"] = status,
        ["tier"] = url.StartsWith("** ", StringComparison.Ordinal) ? -1 : tier,
        ["num_peers"] = peers,
        ["num_seeds"] = seeds,
        ["num_leeches"] = leeches,
        ["num_downloaded"] = downloaded,
        ["msg"] = message,
    };

    /// <summary>The torrent the <c>hash</c> parameter names, with its status; null when absent, malformed or unknown.</summary>
    private static async Task<(ITorrentGrain Torrent, TorrentStatus Status)?> FindAsync(QbtParams query, IGrainFactory grains)
    {
        if (query.Hashes("hash") is not { All: false, Keys: [var key] })
        {
            return null;
        }
        var torrent = grains.GetGrain<ITorrentGrain>(key);
        return await torrent.GetStatusAsync() is { } status ? (torrent, status) : null;
    }
}

/// <summary>Orders JSON values as qBittorrent sorts a field: numbers by value, strings ordinally, false before true.</summary>
public sealed class JsonNodeOrder : IComparer<JsonNode?>
{
    public static readonly JsonNodeOrder Instance = new();

    public int Compare(JsonNode? x, JsonNode? y)
    {
        if (x is JsonValue a && y is JsonValue b)
        {
            var (kindA, kindB) = (a.GetValueKind(), b.GetValueKind());
            if (kindA == System.Text.Json.JsonValueKind.Number && kindB == System.Text.Json.JsonValueKind.Number)
            {
                return Number(a).CompareTo(Number(b));
            }
            return kindA == System.Text.Json.JsonValueKind.String && kindB == System.Text.Json.JsonValueKind.String
                ? string.Compare(a.GetValue<string>(), b.GetValue<string>(), StringComparison.OrdinalIgnoreCase)
                : string.CompareOrdinal(a.ToJsonString(), b.ToJsonString());
        }
        return (x is null).CompareTo(y is null) * -1;
    }

    private static double Number(JsonValue value) =>
        double.Parse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
}
