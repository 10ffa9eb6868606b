using System.Text.Json.Nodes;
using Swarmgrid.BitTorrent.Magnet;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.GrainInterfaces.Torrents;
using Swarmgrid.Hosting.Network.Outbound;
using Swarmgrid.WebFront.Faces.Client;

namespace Swarmgrid.WebFront.Faces.Transmission;

/// <summary>
/// The torrent methods over the same torrent grains as the client face. Actions on ids that name no torrent change
/// nothing and succeed, as in Transmission.
/// </summary>
public sealed class TransmissionTorrentMethods(
    TransmissionTorrents torrents, TransmissionLabels labels, IGrainFactory grains, OutboundFetcher fetcher, TimeProvider clock)
{
    /// <summary>The largest <c>.torrent</c> fetched from a URL, as large as the client face's upload cap.</summary>
    public const int MaxFetchedTorrent = ClientTorrentsApi.MaxTorrentUpload;

    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);

    public async Task<JsonObject> GetAsync(RpcCall call)
    {
        var fields = call.Strings("fields") ?? throw new RpcError("no fields specified");
        var table = call.String("format") switch
        {
            null or "objects" => false,
            "table" => true,
            _ => throw new RpcError("invalid argument: format must be \"objects\" or \"table\""),
        };
        var known = fields.Where(TransmissionTorrentFields.IsKnown).Distinct(StringComparer.Ordinal).ToList();
        var chosen = await torrents.SelectAsync(call);
        var parts = TransmissionTorrentFields.PartsFor(known);
        var names = await labels.NamesAsync();
        var now = clock.GetUtcNow();
        // A move shifts the torrents around the one moved, whose new places reach this front's cache a moment later: the queue knows now.
        var positions = known.Contains("queuePosition")
            ? (await grains.GetGrain<ITorrentQueueGrain>(0).GetAsync()).Entries.Select((e, i) => (e.InfoHash, i)).ToDictionary(p => p.InfoHash, p => p.i)
            : null;
        var rows = new List<JsonObject>(chosen.Count);
        foreach (var torrent in chosen)
        {
            var detail = parts == DetailParts.None ? null : await grains.GetGrain<ITorrentGrain>(torrent.Status.InfoHash).GetDetailAsync(parts);
            var source = new TorrentFieldSource(torrent, labels.Of(torrent.Status, names), detail, now,
                positions is not null && positions.TryGetValue(torrent.Status.InfoHash, out var position) ? position : null);
            var row = new JsonObject();
            foreach (var field in known)
            {
                row[field] = TransmissionTorrentFields.Value(field, source);
            }
            rows.Add(row);
        }
        JsonArray list = table
            ? [new JsonArray(known.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()), .. rows.Select(r => new JsonArray(known.Select(f => r[f]?.DeepClone()).ToArray()))]
            : [.. rows];
        var answer = new JsonObject { ["torrents"] = list };
        if (call.Arguments["ids"] is JsonValue ids && ids.ToString() == "recently-active")
        {
            answer["removed"] = new JsonArray();
        }
        return answer;
    }

    public async Task<JsonObject> AddAsync(RpcCall call)
    {
        var filename = call.String("filename");
        var metainfo = call.String("metainfo");
        var paused = call.Flag("paused") ?? false;
        var savePath = call.String("download-dir");
        var labelNames = call.Strings("labels");
        if (ClientRules.SavePathProblem(savePath, "download-dir") is { } pathProblem)
        {
            throw new RpcError(pathProblem);
        }
        if (string.IsNullOrEmpty(savePath))
        {
            savePath = null;
        }
        TorrentSource source;
        string key;
        if (!string.IsNullOrEmpty(metainfo))
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(metainfo);
            }
            catch (FormatException)
            {
                throw new RpcError("invalid or corrupt torrent file");
            }
            key = KeyOf(bytes);
            source = new TorrentSource(bytes, null, savePath, paused);
        }
        else if (!string.IsNullOrEmpty(filename))
        {
            if (filename.StartsWith("magnet:", StringComparison.OrdinalIgnoreCase))
            {
                if (filename.Length > 64 * 1024 || !MagnetLink.TryParse(filename, out var magnet))
                {
                    throw new RpcError("invalid or corrupt torrent file");
                }
                key = ClientTorrentsApi.TorrentKey(magnet!.InfoHashes);
                source = new TorrentSource(null, filename, savePath, paused);
            }
            else
            {
                var bytes = await FetchAsync(filename, call.Aborted);
                key = KeyOf(bytes);
                source = new TorrentSource(bytes, null, savePath, paused);
            }
        }
        else
        {
            throw new RpcError("no filename or metainfo specified");
        }
        var grain = grains.GetGrain<ITorrentGrain>(key);
        var existing = await grain.GetStatusAsync();
        if (existing is null && labelNames is { Count: > 0 })
        {
            source = source with { TagIds = await labels.EnsureAsync(labelNames) };
        }
        TorrentStatus status;
        try
        {
            status = existing ?? await grain.AddAsync(source);
        }
        catch (ArgumentException)
        {
            throw new RpcError("invalid or corrupt torrent file");
        }
        torrents.Put(key, status);
        // transmission-daemon 3.00 answers a duplicate "success" with torrent-duplicate, and Sonarr counts on it.
        return new JsonObject
        {
            [existing is null ? "torrent-added" : "torrent-duplicate"] = new JsonObject
            {
                ["hashString"] = status.InfoHash,
                ["id"] = await torrents.IdOfAsync(key),
                ["name"] = status.Name,
            },
        };
    }

    public async Task<JsonObject> SetAsync(RpcCall call)
    {
        var labelNames = call.Strings("labels");
        var wanted = call.Integers("files-wanted");
        var unwanted = call.Integers("files-unwanted");
        var high = call.Integers("priority-high");
        var normal = call.Integers("priority-normal");
        var low = call.Integers("priority-low");
        var position = call.Integer("queuePosition");
        if (position is < 0)
        {
            throw new RpcError("invalid argument: queuePosition must be 0 or more");
        }
        var seeding = SeedLimitsChange.From(call);
        var tagIds = labelNames is null ? null : await labels.EnsureAsync(labelNames);
        foreach (var torrent in await torrents.SelectAsync(call))
        {
            var grain = grains.GetGrain<ITorrentGrain>(torrent.Status.InfoHash);
            if (seeding.ApplyTo(torrent.Status.ShareLimits ?? new ShareLimits()) is { } limits)
            {
                await grain.SetShareLimitsAsync(limits);
            }
            if (tagIds is not null)
            {
                await grain.SetTagsAsync(tagIds);
            }
            if (wanted is not null || unwanted is not null || high is not null || normal is not null || low is not null)
            {
                await SetFilesAsync(grain, torrent.Status, wanted, unwanted, high, normal, low);
            }
            if (position is { } at)
            {
                await grain.SetQueuePositionAsync((int)Math.Min(at, int.MaxValue));
            }
            torrents.Put(torrent.Status.InfoHash, await grain.GetStatusAsync());
        }
        return [];
    }

    public Task<JsonObject> StartAsync(RpcCall call, bool now) => EachAsync(call, async grain =>
    {
        if (now)
        {
            await grain.SetForceStartAsync(true);
        }
        await grain.ResumeAsync();
    });

    public Task<JsonObject> StopAsync(RpcCall call) => EachAsync(call, grain => grain.PauseAsync());

    public Task<JsonObject> VerifyAsync(RpcCall call) => EachAsync(call, grain => grain.RecheckAsync());

    /// <summary>The engine announces on its own schedule: asking again is accepted and changes nothing.</summary>
    public Task<JsonObject> ReannounceAsync(RpcCall call) => EachAsync(call, _ => ValueTask.CompletedTask);

    public async Task<JsonObject> RemoveAsync(RpcCall call)
    {
        var deleteData = call.Flag("delete-local-data") ?? false;
        foreach (var torrent in await torrents.SelectAsync(call))
        {
            await grains.GetGrain<ITorrentGrain>(torrent.Status.InfoHash).RemoveAsync(deleteData);
            torrents.Put(torrent.Status.InfoHash, null);
        }
        return [];
    }

    /// <summary>Moves each torrent named; to the top in reverse queue order and to the bottom in queue order, so the named torrents keep their order.</summary>
    public async Task<JsonObject> MoveAsync(RpcCall call, QueueMove move)
    {
        var chosen = (await torrents.SelectAsync(call)).OrderBy(t => t.Status.QueuePosition).ToList();
        if (move is QueueMove.Top or QueueMove.Down)
        {
            chosen.Reverse();
        }
        foreach (var torrent in chosen)
        {
            var grain = grains.GetGrain<ITorrentGrain>(torrent.Status.InfoHash);
            try
            {
                await grain.MoveInQueueAsync(move);
            }
            catch (InvalidOperationException)
            {
                continue;
            }
            torrents.Put(torrent.Status.InfoHash, await grain.GetStatusAsync());
        }
        return [];
    }

    private async Task<JsonObject> EachAsync(RpcCall call, Func<ITorrentGrain, ValueTask> action)
    {
        foreach (var torrent in await torrents.SelectAsync(call))
        {
            var grain = grains.GetGrain<ITorrentGrain>(torrent.Status.InfoHash);
            try
            {
                await action(grain);
            }
            catch (InvalidOperationException)
            {
                // Removed between the listing and the action: as if the id had named nothing.
                continue;
            }
            torrents.Put(torrent.Status.InfoHash, await grain.GetStatusAsync());
        }
        return [];
    }

    /// <summary>
    /// Wanted, unwanted and priorities onto Swarmgrid's qBittorrent scale: unwanted is skip (0), high 6, normal and low 1
    /// (there is no low); a file made wanted again takes normal unless a priority is named.
    /// </summary>
    private static async Task SetFilesAsync(ITorrentGrain grain, TorrentStatus status, IReadOnlyList<int>? wanted, IReadOnlyList<int>? unwanted,
        IReadOnlyList<int>? high, IReadOnlyList<int>? normal, IReadOnlyList<int>? low)
    {
        if (status.FileCount == 0)
        {
            throw new RpcError("the torrent's files are not known yet (its metadata is still being fetched)");
        }
        var current = Enumerable.Range(0, status.FileCount).Select(i => i < status.FilePriorities.Count ? status.FilePriorities[i] : 1).ToArray();
        var changes = new Dictionary<int, int>();
        // Transmission reads an empty list as "every file".
        IEnumerable<int> Files(IReadOnlyList<int> list) => list.Count == 0 ? Enumerable.Range(0, status.FileCount) : list;
        foreach (var index in (wanted is null ? [] : Files(wanted)).Concat(high is null ? [] : Files(high)).Concat(normal is null ? [] : Files(normal))
            .Concat(low is null ? [] : Files(low)).Concat(unwanted is null ? [] : Files(unwanted)))
        {
            if (index < 0 || index >= status.FileCount)
            {
                throw new RpcError($"invalid argument: file index {index} is not a file of this torrent (it has {status.FileCount})");
            }
        }
        foreach (var index in wanted is null ? [] : Files(wanted))
        {
            changes[index] = current[index] > 0 ? current[index] : 1;
        }
        foreach (var index in high is null ? [] : Files(high))
        {
            changes[index] = (changes.TryGetValue(index, out var p) ? p : current[index]) > 0 ? 6 : 0;
        }
        foreach (var index in (normal is null ? [] : Files(normal)).Concat(low is null ? [] : Files(low)))
        {
            changes[index] = (changes.TryGetValue(index, out var p) ? p : current[index]) > 0 ? 1 : 0;
        }
        foreach (var index in unwanted is null ? [] : Files(unwanted))
        {
            changes[index] = 0;
        }
        if (!await grain.ChangeFilePrioritiesAsync(changes))
        {
            throw new RpcError("the torrent's files are not known yet (its metadata is still being fetched)");
        }
    }

    private static string KeyOf(byte[] bytes)
    {
        try
        {
            return ClientTorrentsApi.TorrentKey(Torrent.Load(bytes).InfoHashes);
        }
        catch (TorrentFormatException)
        {
            throw new RpcError("invalid or corrupt torrent file");
        }
    }

    /// <summary>A <c>.torrent</c> from a URL, through the outbound rules every user-given URL passes (public addresses only, capped).</summary>
    private async Task<byte[]> FetchAsync(string url, CancellationToken cancellationToken)
    {
        if (OutboundUrl.Problem(url, fetcher.Options.AllowLoopback) is { } problem)
        {
            throw new RpcError($"invalid argument: filename: {problem}");
        }
        try
        {
            return (await fetcher.GetAsync(new OutboundRequest(new Uri(url), MaxFetchedTorrent, FetchTimeout), cancellationToken)).Body;
        }
        catch (Exception ex) when (ex is OutboundRefusedException or OutboundFailedException)
        {
            throw new RpcError($"torrent could not be fetched: {ex.Message}");
        }
    }
}
