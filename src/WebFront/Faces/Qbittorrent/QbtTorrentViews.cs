using System.Text.Json.Nodes;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Settings;
using Swarmgrid.GrainInterfaces.Torrents;
using Swarmgrid.Realtime;
using Swarmgrid.WebFront.Faces.Client;

namespace Swarmgrid.WebFront.Faces.Qbittorrent;

/// <summary>What the qBittorrent views need besides the torrents: the catalog's names and the global settings.</summary>
public sealed record QbtContext(
    IReadOnlyDictionary<int, ClientCategory> Categories,
    IReadOnlyDictionary<int, ClientTag> Tags,
    SettingValues Settings,
    DateTimeOffset Now)
{
    public bool QueueingEnabled => Settings.Flag(ClientSettingKeys.QueueingEnabled) || !Settings.Has(ClientSettingKeys.QueueingEnabled);

    public double GlobalRatioLimit => Settings.Decimal(ClientSettingKeys.ShareRatioLimit, -1);

    public long GlobalSeedingMinutes => Settings.Has(ClientSettingKeys.ShareSeedingMinutes) ? Settings.Number(ClientSettingKeys.ShareSeedingMinutes) : -1;

    public long GlobalInactiveMinutes =>
        Settings.Has(ClientSettingKeys.ShareInactiveSeedingMinutes) ? Settings.Number(ClientSettingKeys.ShareInactiveSeedingMinutes) : -1;
}

/// <summary>
/// The torrents as qBittorrent shows them (<c>torrents/info</c>, <c>sync/maindata</c>), built from this process's
/// feed-fed status cache and the client catalog: no grain call per torrent.
/// </summary>
public sealed class QbtTorrentViews(TorrentStatusCache cache, IGrainFactory grains, TimeProvider clock)
{
    /// <summary>What qBittorrent reports for an unknown or endless ETA (100 days).</summary>
    public const long InfiniteEta = 8_640_000;

    public Task<IReadOnlyList<TorrentStatus>> AllAsync(CancellationToken cancellationToken = default) => cache.AllAsync(cancellationToken);

    public async Task<QbtContext> ContextAsync()
    {
        var catalog = grains.GetGrain<IClientCatalogGrain>(0);
        var categories = (await catalog.GetCategoriesAsync()).ToDictionary(c => c.Id);
        var tags = (await catalog.GetTagsAsync()).ToDictionary(t => t.Id);
        return new QbtContext(categories, tags, await ClientSettings.ReadAsync(grains), clock.GetUtcNow());
    }

    /// <summary>
    /// qBittorrent's <c>state</c>. This face reports WebUI API 2.11, so a stopped torrent is <c>stoppedDL</c>/<c>stoppedUP</c>
    /// (qBittorrent 5); before that API version they were <c>pausedDL</c>/<c>pausedUP</c>.
    /// </summary>
    public static string State(TorrentStatus t)
    {
        var up = t.Completed;
        if (t.FilesMissing)
        {
            return "missingFiles";
        }
        if (t.Error is not null || t.State == "Error")
        {
            return "error";
        }
        if (t.Paused)
        {
            return up ? "stoppedUP" : "stoppedDL";
        }
        if (t.Verifying || t.State == "Hashing")
        {
            return up ? "checkingUP" : "checkingDL";
        }
        if (t.Queued || t.State == "Queued")
        {
            return up ? "queuedUP" : "queuedDL";
        }
        if (t.State == "FetchingMetadata")
        {
            return t.ForceStart ? "forcedMetaDL" : "metaDL";
        }
        if (up)
        {
            return t.ForceStart ? "forcedUP" : t.UploadRate > 0 ? "uploading" : "stalledUP";
        }
        return t.ForceStart ? "forcedDL" : t.DownloadRate > 0 ? "downloading" : "stalledDL";
    }

    public static long Eta(TorrentStatus t)
    {
        var left = Math.Max(0, t.TotalBytes - t.BytesDone);
        return t.Completed || t.DownloadRate <= 0 || t.TotalBytes == 0 ? InfiniteEta : Math.Min(InfiniteEta, left / t.DownloadRate);
    }

    public static string CategoryName(TorrentStatus t, QbtContext context) =>
        t.CategoryId is { } id && context.Categories.TryGetValue(id, out var category) ? category.Name : "";

    public static string TagNames(TorrentStatus t, QbtContext context) =>
        string.Join(", ", t.TagIds.Select(id => context.Tags.TryGetValue(id, out var tag) ? tag.Name : null).OfType<string>().Order(StringComparer.Ordinal));

    public static string ContentPath(TorrentStatus t) => t.Name.Length == 0 ? t.SavePath : Path.Combine(t.SavePath, t.Name);

    public static double Ratio(TorrentStatus t) => Math.Round(ShareLimits.Ratio(t.Downloaded, t.Uploaded, t.BytesDone), 6);

    private static long Unix(DateTimeOffset? at) => at?.ToUnixTimeSeconds() ?? -1;

    /// <summary>One torrent of <c>torrents/info</c>, fields named and typed as qBittorrent names and types them.</summary>
    public static JsonObject Info(TorrentStatus t, QbtContext context)
    {
        var limits = t.ShareLimits ?? ShareLimits.Global;
        var ratioLimit = limits.RatioLimit;
        var maxRatio = ratioLimit == ShareLimits.UseGlobal ? context.GlobalRatioLimit : ratioLimit;
        var maxSeeding = limits.SeedingTimeMinutes == ShareLimits.UseGlobal ? context.GlobalSeedingMinutes : limits.SeedingTimeMinutes;
        var maxInactive = limits.InactiveSeedingTimeMinutes == ShareLimits.UseGlobal ? context.GlobalInactiveMinutes : limits.InactiveSeedingTimeMinutes;
        var left = Math.Max(0, t.TotalBytes - t.BytesDone);
        var peers = Math.Max(0, t.Peers - t.Seeds);
        return new JsonObject
        {
            ["added_on"] = t.AddedAt.ToUnixTimeSeconds(),
            ["amount_left"] = left,
            ["auto_tmm"] = false,
            ["availability"] = t.Completed ? -1 : (double)t.Seeds,
            ["category"] = CategoryName(t, context),
            ["comment"] = "",
            ["completed"] = t.BytesDone,
            ["completion_on"] = Unix(t.CompletedAt),
            ["content_path"] = ContentPath(t),
            ["dl_limit"] = -1,
            ["dlspeed"] = t.DownloadRate,
            ["download_path"] = "",
            ["downloaded"] = t.Downloaded,
            ["downloaded_session"] = t.Downloaded,
            ["eta"] = Eta(t),
            ["f_l_piece_prio"] = false,
            ["force_start"] = t.ForceStart,
            ["has_metadata"] = t.FileCount > 0,
            ["hash"] = t.InfoHash,
            ["inactive_seeding_time_limit"] = limits.InactiveSeedingTimeMinutes,
            ["infohash_v1"] = t.InfoHash.Length == 40 ? t.InfoHash : "",
            ["infohash_v2"] = t.InfoHash.Length == 64 ? t.InfoHash : "",
            ["last_activity"] = (t.LastActivity ?? t.AddedAt).ToUnixTimeSeconds(),
            ["magnet_uri"] = t.Magnet,
            ["max_inactive_seeding_time"] = maxInactive,
            ["max_ratio"] = maxRatio,
            ["max_seeding_time"] = maxSeeding,
            ["name"] = t.Name,
            ["num_complete"] = t.Seeds,
            ["num_incomplete"] = peers,
            ["num_leechs"] = peers,
            ["num_seeds"] = t.Seeds,
            ["popularity"] = 0.0,
            ["priority"] = context.QueueingEnabled && !t.Completed && t.QueuePosition >= 0 ? t.QueuePosition + 1 : 0,
            ["private"] = false,
            ["progress"] = t.Progress,
            ["ratio"] = Ratio(t),
            ["ratio_limit"] = ratioLimit,
            ["reannounce"] = 0,
            ["root_path"] = ContentPath(t),
            ["save_path"] = t.SavePath,
            ["seeding_time"] = t.SeedingSeconds,
            ["seeding_time_limit"] = limits.SeedingTimeMinutes,
            ["seen_complete"] = t.Completed ? context.Now.ToUnixTimeSeconds() : -1,
            ["seq_dl"] = false,
            ["size"] = t.TotalBytes,
            ["state"] = State(t),
            ["super_seeding"] = false,
            ["tags"] = TagNames(t, context),
            ["time_active"] = (long)Math.Max(0, (context.Now - t.AddedAt).TotalSeconds),
            ["total_size"] = t.TotalBytes,
            ["tracker"] = "",
            ["trackers_count"] = 0,
            ["up_limit"] = -1,
            ["uploaded"] = t.Uploaded,
            ["uploaded_session"] = t.Uploaded,
            ["upspeed"] = t.UploadRate,
        };
    }

    /// <summary><c>torrents/properties</c> of one torrent, with the tracker and peer counts its detail gives.</summary>
    public static JsonObject Properties(TorrentStatus t, TorrentDetail? detail, QbtContext context)
    {
        var info = Info(t, context);
        var elapsed = (long)Math.Max(0, (context.Now - t.AddedAt).TotalSeconds);
        return new JsonObject
        {
            ["addition_date"] = t.AddedAt.ToUnixTimeSeconds(),
            ["comment"] = "",
            ["completion_date"] = Unix(t.CompletedAt),
            ["created_by"] = "",
            ["creation_date"] = -1,
            ["dl_limit"] = -1,
            ["dl_speed"] = t.DownloadRate,
            ["dl_speed_avg"] = elapsed == 0 ? 0 : t.Downloaded / elapsed,
            ["download_path"] = "",
            ["eta"] = Eta(t),
            ["has_metadata"] = t.FileCount > 0,
            ["hash"] = t.InfoHash,
            ["infohash_v1"] = info["infohash_v1"]!.DeepClone(),
            ["infohash_v2"] = info["infohash_v2"]!.DeepClone(),
            ["isPrivate"] = false,
            ["is_private"] = false,
            ["last_seen"] = t.Completed ? context.Now.ToUnixTimeSeconds() : -1,
            ["name"] = t.Name,
            ["nb_connections"] = t.Peers,
            ["nb_connections_limit"] = 100,
            ["peers"] = Math.Max(0, t.Peers - t.Seeds),
            ["peers_total"] = detail?.Trackers?.Sum(tr => Math.Max(0, tr.Peers)) ?? 0,
            ["piece_size"] = t.PieceCount > 0 ? (t.TotalBytes + t.PieceCount - 1) / t.PieceCount : 0,
            ["pieces_have"] = t.VerifiedPieces,
            ["pieces_num"] = t.PieceCount,
            ["popularity"] = 0.0,
            ["reannounce"] = 0,
            ["save_path"] = t.SavePath,
            ["seeding_time"] = t.SeedingSeconds,
            ["seeds"] = t.Seeds,
            ["seeds_total"] = detail?.Trackers?.Sum(tr => Math.Max(0, tr.Seeds)) ?? 0,
            ["share_ratio"] = Ratio(t),
            ["time_elapsed"] = elapsed,
            ["total_downloaded"] = t.Downloaded,
            ["total_downloaded_session"] = t.Downloaded,
            ["total_size"] = t.TotalBytes,
            ["total_uploaded"] = t.Uploaded,
            ["total_uploaded_session"] = t.Uploaded,
            ["total_wasted"] = 0,
            ["up_limit"] = -1,
            ["up_speed"] = t.UploadRate,
            ["up_speed_avg"] = elapsed == 0 ? 0 : t.Uploaded / elapsed,
        };
    }
}
