using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.GrainInterfaces.Settings;
using Swarmgrid.GrainInterfaces.Torrents;
using Swarmgrid.GrainInterfaces.Users;

namespace Swarmgrid.WebFront.Faces.Qbittorrent;

/// <summary>
/// <c>sync/maindata</c> (a full update for <c>rid</c> 0 or an unknown rid, then only changed torrents and fields,
/// <c>torrents_removed</c>, categories and tags with their removals, and the changed <c>server_state</c> fields) and
/// <c>transfer/info</c>.
/// </summary>
public static class QbtSyncApi
{
    public static IEndpointRouteBuilder MapQbtSyncApi(this IEndpointRouteBuilder routes, string prefix)
    {
        QbittorrentFace.Group(routes, prefix, "/sync").RequireQbtRole(Role.Viewer).DisableAntiforgery()
            .MapGet("/maindata", MainData).WithName("QbtSyncMainData");
        QbittorrentFace.Group(routes, prefix, "/transfer").RequireQbtRole(Role.Viewer).DisableAntiforgery()
            .MapGet("/info", TransferInfo).WithName("QbtTransferInfo");
        return routes;
    }

    public static async Task<Ok<JsonObject>> MainData(QbtParams query, QbtTorrentViews views, QbtSyncSnapshots snapshots, CancellationToken cancellationToken)
    {
        var context = await views.ContextAsync();
        var torrents = await views.AllAsync(cancellationToken);
        var now = new QbtSnapshot(
            torrents.ToDictionary(t => t.InfoHash, t => QbtTorrentViews.Info(t, context), StringComparer.Ordinal),
            context.Categories.Values.ToDictionary(c => c.Name, QbtCatalog.CategoryJson, StringComparer.Ordinal),
            context.Tags.Values.Select(t => t.Name).ToHashSet(StringComparer.Ordinal),
            ServerState(torrents, context));
        var before = query.Long("rid") is { } rid and > 0 ? snapshots.Find(rid) : null;
        var answer = new JsonObject { ["rid"] = snapshots.Keep(now) };
        if (before is null)
        {
            answer["full_update"] = true;
            answer["torrents"] = new JsonObject([.. now.Torrents.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value.DeepClone()))]);
            answer["categories"] = new JsonObject([.. now.Categories.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value.DeepClone()))]);
            answer["tags"] = new JsonArray([.. now.Tags.Order(StringComparer.Ordinal).Select(t => (JsonNode)t)]);
            answer["server_state"] = now.ServerState.DeepClone();
            answer["trackers"] = Trackers(torrents);
            return TypedResults.Ok(answer);
        }
        var changed = new JsonObject();
        foreach (var (hash, torrent) in now.Torrents)
        {
            var delta = before.Torrents.TryGetValue(hash, out var old) ? Delta(old, torrent) : (JsonObject)torrent.DeepClone();
            if (delta.Count > 0)
            {
                changed[hash] = delta;
            }
        }
        if (changed.Count > 0)
        {
            answer["torrents"] = changed;
        }
        if (before.Torrents.Keys.Where(h => !now.Torrents.ContainsKey(h)).ToList() is { Count: > 0 } removed)
        {
            answer["torrents_removed"] = new JsonArray([.. removed.Select(h => (JsonNode)h)]);
        }
        var categories = new JsonObject();
        foreach (var (name, category) in now.Categories)
        {
            if (!before.Categories.TryGetValue(name, out var old) || !JsonNode.DeepEquals(old, category))
            {
                categories[name] = category.DeepClone();
            }
        }
        if (categories.Count > 0)
        {
            answer["categories"] = categories;
        }
        if (before.Categories.Keys.Where(c => !now.Categories.ContainsKey(c)).ToList() is { Count: > 0 } categoriesRemoved)
        {
            answer["categories_removed"] = new JsonArray([.. categoriesRemoved.Select(c => (JsonNode)c)]);
        }
        if (now.Tags.Where(t => !before.Tags.Contains(t)).ToList() is { Count: > 0 } tags)
        {
            answer["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)t)]);
        }
        if (before.Tags.Where(t => !now.Tags.Contains(t)).ToList() is { Count: > 0 } tagsRemoved)
        {
            answer["tags_removed"] = new JsonArray([.. tagsRemoved.Select(t => (JsonNode)t)]);
        }
        if (Delta(before.ServerState, now.ServerState) is { Count: > 0 } server)
        {
            answer["server_state"] = server;
        }
        return TypedResults.Ok(answer);
    }

    public static async Task<Ok<JsonObject>> TransferInfo(QbtTorrentViews views, CancellationToken cancellationToken)
    {
        var context = await views.ContextAsync();
        var state = ServerState(await views.AllAsync(cancellationToken), context);
        return TypedResults.Ok(new JsonObject([.. new[]
        {
            "connection_status", "dht_nodes", "dl_info_data", "dl_info_speed", "dl_rate_limit", "up_info_data", "up_info_speed", "up_rate_limit",
        }.Select(k => KeyValuePair.Create(k, state[k]?.DeepClone()))]));
    }

    /// <summary>Each tracker URL with the torrents announcing to it, from the trackers their magnet links name.</summary>
    private static JsonObject Trackers(IReadOnlyList<TorrentStatus> torrents)
    {
        var trackers = new JsonObject();
        foreach (var torrent in torrents)
        {
            var query = torrent.Magnet.IndexOf('?', StringComparison.Ordinal) is var at and >= 0 ? torrent.Magnet[(at + 1)..] : "";
            foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                if (pair.StartsWith("tr=", StringComparison.Ordinal) && Uri.UnescapeDataString(pair[3..]) is { Length: > 0 } url)
                {
                    ((trackers[url] ??= new JsonArray()).AsArray()).Add(torrent.InfoHash);
                }
            }
        }
        return trackers;
    }

    private static JsonObject Delta(JsonObject before, JsonObject now)
    {
        var delta = new JsonObject();
        foreach (var (name, value) in now)
        {
            if (!before.TryGetPropertyValue(name, out var old) || !JsonNode.DeepEquals(old, value))
            {
                delta[name] = value?.DeepClone();
            }
        }
        return delta;
    }

    private static JsonObject ServerState(IReadOnlyList<TorrentStatus> torrents, QbtContext context)
    {
        var downloaded = torrents.Sum(t => t.Downloaded);
        var uploaded = torrents.Sum(t => t.Uploaded);
        var settings = context.Settings;
        var alt = settings.Flag(ClientSettingKeys.AltSpeedActive);
        return new JsonObject
        {
            ["alltime_dl"] = downloaded,
            ["alltime_ul"] = uploaded,
            ["average_time_queue"] = 0,
            ["connection_status"] = "connected",
            ["dht_nodes"] = 0,
            ["dl_info_data"] = downloaded,
            ["dl_info_speed"] = torrents.Sum(t => t.DownloadRate),
            ["dl_rate_limit"] = settings.Number(alt ? ClientSettingKeys.AltDownloadLimit : ClientSettingKeys.DownloadLimit) * 1024,
            ["free_space_on_disk"] = 0,
            ["global_ratio"] = downloaded == 0 ? "0.00" : ((double)uploaded / downloaded).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
            ["queued_io_jobs"] = 0,
            ["queueing"] = context.QueueingEnabled,
            ["read_cache_hits"] = "0",
            ["read_cache_overload"] = "0",
            ["refresh_interval"] = 1500,
            ["total_buffers_size"] = 0,
            ["total_peer_connections"] = torrents.Sum(t => t.Peers),
            ["total_queued_size"] = 0,
            ["total_wasted_session"] = 0,
            ["up_info_data"] = uploaded,
            ["up_info_speed"] = torrents.Sum(t => t.UploadRate),
            ["up_rate_limit"] = settings.Number(alt ? ClientSettingKeys.AltUploadLimit : ClientSettingKeys.UploadLimit) * 1024,
            ["use_alt_speed_limits"] = alt,
            ["use_subcategories"] = false,
            ["write_cache_overload"] = "0",
        };
    }
}
