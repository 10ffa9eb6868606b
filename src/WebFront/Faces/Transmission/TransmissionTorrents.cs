using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Swarmgrid.GrainInterfaces.Torrents;
using Swarmgrid.GrainInterfaces.Transmission;
using Swarmgrid.Realtime;
using Swarmgrid.WebFront.Faces.Client;

namespace Swarmgrid.WebFront.Faces.Transmission;

/// <summary>A torrent as the RPC face names it: its Transmission id and its status.</summary>
public sealed record NumberedTorrent(int Id, TorrentStatus Status);

/// <summary>
/// The torrents of this process's feed-fed status cache, numbered by <see cref="ITransmissionIdsGrain"/> (oldest added
/// first when first seen), and the <c>ids</c> argument resolved against them. Numbers never change once given, so each
/// web front keeps the ones it has seen and asks the grain only about new torrents.
/// </summary>
public sealed class TransmissionTorrents(TorrentStatusCache cache, IGrainFactory grains)
{
    /// <summary>How recent "recently-active" is, as Transmission counts it.</summary>
    public static readonly TimeSpan RecentlyActive = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, int> ids = new(StringComparer.Ordinal);

    /// <summary>Every torrent, by id.</summary>
    public async Task<IReadOnlyList<NumberedTorrent>> AllAsync(CancellationToken cancellationToken)
    {
        var statuses = (await cache.AllAsync(cancellationToken))
            .OrderBy(s => s.AddedAt)
            .ThenBy(s => s.InfoHash, StringComparer.Ordinal)
            .ToList();
        await NumberAsync(statuses.Select(s => s.InfoHash));
        return statuses.Select(s => new NumberedTorrent(ids[s.InfoHash], s)).OrderBy(t => t.Id).ToList();
    }

    /// <summary>The id of one torrent, numbering it when new.</summary>
    public async Task<int> IdOfAsync(string infoHash)
    {
        await NumberAsync([infoHash]);
        return ids[infoHash];
    }

    /// <summary>
    /// The torrents <c>ids</c> names: all when absent; a number, an info-hash string, <c>recently-active</c>, or a list of
    /// numbers and hashes. Unknown numbers and hashes name nothing, as in Transmission; another type is refused.
    /// </summary>
    public async Task<IReadOnlyList<NumberedTorrent>> SelectAsync(RpcCall call)
    {
        var all = await AllAsync(call.Aborted);
        var given = call.Arguments["ids"];
        if (given is null)
        {
            return all;
        }
        if (given is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() == "recently-active")
        {
            return all.Where(t => Active(t.Status)).ToList();
        }
        var items = given is JsonArray array ? array.ToList() : [given];
        var wantedIds = new HashSet<int>();
        var wantedHashes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            switch (item)
            {
                case JsonValue number when number.GetValueKind() == JsonValueKind.Number:
                    if (!number.TryGetValue<int>(out var id))
                    {
                        throw new RpcError("invalid argument: ids must be torrent ids (integers), info-hashes or \"recently-active\"");
                    }
                    wantedIds.Add(id);
                    break;
                case JsonValue text when text.GetValueKind() == JsonValueKind.String:
                    wantedHashes.Add(text.GetValue<string>().ToLowerInvariant());
                    break;
                default:
                    throw new RpcError("invalid argument: ids must be torrent ids (integers), info-hashes or \"recently-active\"");
            }
        }
        var chosen = all.Where(t => wantedIds.Contains(t.Id) || wantedHashes.Contains(t.Status.InfoHash)).ToList();
        // A torrent added a moment ago on another front may not have reached this front's cache yet: ask its grain.
        foreach (var hash in wantedHashes.Where(h => ClientRules.TryInfoHash(h, out _) && chosen.All(t => t.Status.InfoHash != h)))
        {
            if (await grains.GetGrain<ITorrentGrain>(hash).GetStatusAsync() is { } status)
            {
                cache.Put(hash, status);
                chosen.Add(new NumberedTorrent(await IdOfAsync(hash), status));
            }
        }
        return chosen;
    }

    public void Put(string infoHash, TorrentStatus? status) => cache.Put(infoHash, status);

    private static bool Active(TorrentStatus s) =>
        s.DownloadRate > 0 || s.UploadRate > 0 || s.Verifying || s.State is "Downloading" or "FetchingMetadata" or "Hashing";

    private async Task NumberAsync(IEnumerable<string> infoHashes)
    {
        var unknown = infoHashes.Where(h => !ids.ContainsKey(h)).ToList();
        if (unknown.Count == 0)
        {
            return;
        }
        foreach (var (hash, id) in await grains.GetGrain<ITransmissionIdsGrain>(0).AssignAsync(unknown))
        {
            ids[hash] = id;
        }
    }
}
