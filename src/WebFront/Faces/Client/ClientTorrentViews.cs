using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Torrents;
using Swarmgrid.Realtime;

namespace Swarmgrid.WebFront.Faces.Client;

/// <summary>
/// The client face's views of the torrents, built from this process's feed-fed caches (every torrent's status, the
/// watched torrents' detail) and the client catalog: the TorrentDTO list, GlobalStats and the DetailDTO. The
/// <c>/ws</c> ticks of every connection share one build per tick.
/// </summary>
public sealed class ClientTorrentViews(TorrentStatusCache cache, TorrentDetailWatch details, IGrainFactory grains, TimeProvider clock)
{
    private static readonly TimeSpan TickReuse = TimeSpan.FromMilliseconds(500);

    private readonly SemaphoreSlim building = new(1, 1);
    private (DateTimeOffset At, IReadOnlyList<TorrentDto> Torrents, GlobalStatsDto Stats)? lastTick;

    /// <summary>Every torrent, newest first by <c>added_at</c>, ties by id.</summary>
    public async Task<IReadOnlyList<TorrentDto>> ListAsync(CancellationToken cancellationToken = default)
    {
        var statuses = await cache.AllAsync(cancellationToken);
        var catalog = await CatalogAsync();
        return statuses
            .OrderByDescending(s => s.AddedAt.ToUnixTimeSeconds())
            .ThenBy(s => s.InfoHash, StringComparer.Ordinal)
            .Select(s => Dto(s, catalog))
            .ToList();
    }

    public async Task<GlobalStatsDto> StatsAsync(CancellationToken cancellationToken = default) => Stats(await cache.AllAsync(cancellationToken));

    /// <summary>The list and the stats for a tick, built at most once per half second for all connections.</summary>
    public async Task<(IReadOnlyList<TorrentDto> Torrents, GlobalStatsDto Stats)> TickAsync(CancellationToken cancellationToken)
    {
        if (lastTick is { } fresh && clock.GetUtcNow() - fresh.At < TickReuse)
        {
            return (fresh.Torrents, fresh.Stats);
        }
        await building.WaitAsync(cancellationToken);
        try
        {
            if (lastTick is { } built && clock.GetUtcNow() - built.At < TickReuse)
            {
                return (built.Torrents, built.Stats);
            }
            var torrents = await ListAsync(cancellationToken);
            var stats = Stats(await cache.AllAsync(cancellationToken));
            lastTick = (clock.GetUtcNow(), torrents, stats);
            return (torrents, stats);
        }
        finally
        {
            building.Release();
        }
    }

    /// <summary>
    /// The DetailDTO of <paramref name="infoHash"/> with the sections <paramref name="tabs"/> ask for (from the latest
    /// <c>torrent.detail</c> of a watched torrent, else from its grain); null when the torrent is unknown.
    /// </summary>
    public async Task<DetailDto?> DetailAsync(string infoHash, IReadOnlyCollection<string> tabs, CancellationToken cancellationToken = default)
    {
        var parts = Parts(tabs);
        var status = await cache.GetAsync(infoHash, cancellationToken);
        var torrent = grains.GetGrain<ITorrentGrain>(infoHash);
        status ??= await torrent.GetStatusAsync();
        if (status is null)
        {
            return null;
        }
        var detail = parts == DetailParts.None ? null
            : details.Latest(infoHash) is { } latest && Covers(latest, parts) ? latest
            : await torrent.GetDetailAsync(parts);
        return new DetailDto(
            status.InfoHash,
            status.Name,
            status.Magnet,
            status.SavePath,
            status.TotalBytes,
            status.BytesDone,
            status.Progress,
            status.Downloaded > 0 ? (double)status.Uploaded / status.Downloaded : 0,
            status.Downloaded,
            status.Uploaded,
            status.Peers,
            status.Seeds,
            status.AddedAt.ToUnixTimeSeconds(),
            parts.HasFlag(DetailParts.Files) ? detail?.Files?.Select(File).ToList() ?? [] : null,
            parts.HasFlag(DetailParts.Peers) ? detail?.Peers?.Select(Peer).ToList() ?? [] : null,
            parts.HasFlag(DetailParts.Trackers) ? detail?.Trackers?.Select(Tracker).ToList() ?? [] : null);
    }

    /// <summary>The detail sections the inspector's tabs ask for; <c>overview</c> and <c>speed</c> add none.</summary>
    public static DetailParts Parts(IEnumerable<string> tabs) => tabs.Aggregate(DetailParts.None, (parts, tab) => parts | tab switch
    {
        "files" => DetailParts.Files,
        "peers" => DetailParts.Peers,
        "trackers" => DetailParts.Trackers,
        _ => DetailParts.None,
    });

    /// <summary>The categories and tags by id, to name a torrent's.</summary>
    public async Task<Catalog> CatalogAsync()
    {
        var catalog = grains.GetGrain<IClientCatalogGrain>(0);
        var categories = await catalog.GetCategoriesAsync();
        var tags = await catalog.GetTagsAsync();
        return new Catalog(categories.Select(c => c.Id).ToHashSet(), tags.ToDictionary(t => t.Id, t => new TagDto(t.Id, t.Name, t.Color)));
    }

    public static TorrentDto Dto(TorrentStatus s, Catalog catalog) => new(
        s.InfoHash,
        s.Name,
        s.Magnet,
        s.SavePath,
        s.TotalBytes,
        s.BytesDone,
        s.Progress,
        s.DownloadRate,
        s.UploadRate,
        s.Peers,
        s.Seeds,
        s.Paused,
        s.Completed,
        s.AddedAt.ToUnixTimeSeconds(),
        s.CategoryId is { } id && catalog.CategoryIds.Contains(id) ? id : null,
        s.TagIds.Select(t => catalog.Tags.GetValueOrDefault(t)).OfType<TagDto>().ToList(),
        Math.Max(0, s.QueuePosition),
        s.ForceStart,
        s.Queued,
        s.Verifying,
        s.FilesMissing);

    public static GlobalStatsDto Stats(IReadOnlyList<TorrentStatus> all) => new(
        all.Count,
        all.Count(s => !s.Paused && !s.Completed),
        all.Count(s => s.Completed),
        all.Sum(s => s.DownloadRate),
        all.Sum(s => s.UploadRate),
        all.Sum(s => s.Peers));

    private static bool Covers(TorrentDetail detail, DetailParts parts) =>
        (!parts.HasFlag(DetailParts.Files) || detail.Files is not null)
        && (!parts.HasFlag(DetailParts.Peers) || detail.Peers is not null)
        && (!parts.HasFlag(DetailParts.Trackers) || detail.Trackers is not null);

    private static FileDto File(TorrentFileDetail f) =>
        new(f.Index, f.Path, f.Size, f.BytesDone, f.Size > 0 ? (double)f.BytesDone / f.Size : 1, ClientRules.PriorityName(f.Priority));

    private static PeerDto Peer(TorrentPeerDetail p) => new(p.Ip, p.Port, p.Client, p.Flags, p.Progress, p.DownloadRate, p.UploadRate, "");

    private static TrackerDto Tracker(TorrentTrackerDetail t) =>
        new(t.Url, t.Status, t.Seeds, t.Peers, t.Downloaded, t.LastAnnounce, t.NextAnnounce);

    public sealed record Catalog(IReadOnlySet<int> CategoryIds, IReadOnlyDictionary<int, TagDto> Tags);
}
