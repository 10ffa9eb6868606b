using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Swarmgrid.BitTorrent.Magnet;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.Data.Library;
using Swarmgrid.GrainInterfaces.Library;
using Swarmgrid.GrainInterfaces.Realtime;
using Swarmgrid.GrainInterfaces.Torrents;
using Swarmgrid.Grains.Realtime;

namespace Swarmgrid.Grains.Library;

[StatelessWorker]
public sealed class LibraryIndexerGrain(
    LibraryStore library, WantStore wants, NotificationStore notifications, RealtimePublisher realtime, TimeProvider clock, ILogger<LibraryIndexerGrain> logger)
    : Grain, ILibraryIndexerGrain
{
    public async Task RecordAsync(LibrarySighting sighting)
    {
        try
        {
            await RecordNowAsync(sighting);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The library could not record a {Source} sighting of {InfoHash}", sighting.Source, sighting.InfoHash);
        }
    }

    public async Task RecordNowAsync(LibrarySighting sighting)
    {
        var torrent = SightedTorrent.From(sighting);
        var contentType = ContentClassifier.Classify(torrent.Name, torrent.Files.Select(f => (f.Path, f.SizeBytes)).ToList());
        var title = ReleaseName.CleanTitle(torrent.Name, contentType);
        var words = LibraryWords.Join([title, torrent.Name, .. torrent.Files.Select(f => f.Path)]);
        var now = clock.GetUtcNow();
        var created = await library.UpsertAsync(
            new LibraryItemUpsert(torrent.InfoHash, torrent.V2InfoHash, torrent.Name, title, contentType, torrent.Size, torrent.Files, words), now);
        await library.AddEvidenceAsync(torrent.InfoHash, sighting.Source, sighting.PayloadJson ?? "{}", now);
        if (created)
        {
            realtime.Publish(ILibraryIndexerGrain.TorrentAddedEvent, RealtimeTopics.Library, torrent.InfoHash,
                new { InfoHash = torrent.InfoHash, Title = title, ContentType = contentType, SizeBytes = torrent.Size, CreatedAt = now });
        }
        await FulfilWantsAsync(torrent, sighting, title, contentType, words.Split(' '));
    }

    public async Task<bool> MatchLibraryAsync(string userId, string wantId)
    {
        if (await wants.GetAsync(userId, wantId) is not { Status: WantRecord.Active } want)
        {
            return false;
        }
        var (items, _) = await library.SearchAsync(new LibrarySearch(want.Query, want.ContentType, 1, 0));
        if (items is not [var item])
        {
            return false;
        }
        var torrent = new SightedTorrent(item.InfoHash, item.V2InfoHash, item.Name, item.SizeBytes, []);
        return await FulfilAsync(want, torrent, item.Title, metainfo: null);
    }

    public async Task<LibraryDemoCounts> SeedDemoAsync(string userId)
    {
        var now = clock.GetUtcNow();
        var demo = DemoCatalog.Items().ToList();
        foreach (var (infoHash, name, files) in demo)
        {
            var contentType = ContentClassifier.Classify(name, files);
            var title = ReleaseName.CleanTitle(name, contentType);
            var records = files.Select(f => new LibraryFileRecord(f.Path, f.Size)).ToList();
            var words = LibraryWords.Join([title, name, .. files.Select(f => f.Path)]);
            if (await library.UpsertAsync(new LibraryItemUpsert(infoHash, null, name, title, contentType, records.Sum(f => f.SizeBytes), records, words), now))
            {
                foreach (var source in DemoCatalog.EvidenceSources)
                {
                    await library.AddEvidenceAsync(infoHash, source, """{"demo":true}""", now);
                }
            }
        }
        string[] priorities = ["low", "medium", "high"];
        for (var i = 0; i < DemoCatalog.Wants; i++)
        {
            var (_, name, _) = demo[i * 7];
            await wants.InsertAsync(new WantRecord(DemoCatalog.WantId(userId, i), userId, $"Demo want {i + 1}", ContentTypes.All[i % 4],
                $"demo want {i + 1}", priorities[i % 3], WantRecord.Active, $"Like {name}", false, null, now, now));
        }
        for (var i = 0; i < DemoCatalog.Notifications; i++)
        {
            var (infoHash, name, _) = demo[i];
            await notifications.AddAsync(new NotificationRecord(DemoCatalog.NotificationId(userId, i), userId, "torrent_added",
                $"Demo: '{name}' was added to the library.", infoHash, null, i % 2 == 0, now));
        }
        return new LibraryDemoCounts(DemoCatalog.Torrents, DemoCatalog.Torrents * DemoCatalog.EvidencePerTorrent, DemoCatalog.Wants, DemoCatalog.Notifications);
    }

    private async Task FulfilWantsAsync(SightedTorrent torrent, LibrarySighting sighting, string title, string contentType, IReadOnlyCollection<string> words)
    {
        foreach (var want in await wants.ListActiveAsync())
        {
            if (WantMatcher.Matches(want, contentType, words))
            {
                await FulfilAsync(want, torrent, title, sighting.Source == "client" ? null : sighting.Metainfo, addToClient: sighting.Source != "client");
            }
        }
    }

    /// <summary>Fulfils the want with the torrent unless another match won first; notifies its owner and adds the torrent when the want asks.</summary>
    private async Task<bool> FulfilAsync(WantRecord want, SightedTorrent torrent, string title, byte[]? metainfo, bool addToClient = true)
    {
        var notification = new NotificationRecord(
            "n_" + Guid.NewGuid().ToString("N")[..16], want.UserId, "want_fulfilled", $"Want '{want.Title}' has been fulfilled by '{title}'.",
            torrent.InfoHash, want.Id, false, clock.GetUtcNow());
        if (!await wants.FulfilAsync(want.Id, torrent.InfoHash, notification))
        {
            return false;
        }
        realtime.Publish(ILibraryIndexerGrain.NotificationEvent, RealtimeTopics.Notifications, want.UserId, new
        {
            notification.Id, notification.Type, notification.Message, notification.Read, notification.CreatedAt,
            notification.InfoHash, notification.WantId,
        });
        if (want.AutoAdd && addToClient)
        {
            await AddToClientAsync(torrent, metainfo);
        }
        return true;
    }

    private async Task AddToClientAsync(SightedTorrent torrent, byte[]? metainfo)
    {
        var wholeTorrent = metainfo is { Length: > 0 } bytes && IsWholeTorrent(bytes) ? bytes : null;
        var hashes = new InfoHashes(
            torrent.InfoHash.Length == 40 ? InfoHash.FromHex(torrent.InfoHash) : null,
            (torrent.V2InfoHash ?? (torrent.InfoHash.Length == 64 ? torrent.InfoHash : null)) is { } v2 ? InfoHash.FromHex(v2) : null);
        try
        {
            await GrainFactory.GetGrain<ITorrentGrain>(torrent.InfoHash)
                .AddAsync(new TorrentSource(wholeTorrent, wholeTorrent is null ? new MagnetLink(hashes, torrent.Name).ToString() : null));
        }
        catch (ArgumentException ex)
        {
            logger.LogWarning(ex, "A fulfilled want could not add {InfoHash} to the client", torrent.InfoHash);
        }
    }

    private static bool IsWholeTorrent(byte[] bytes)
    {
        try
        {
            Torrent.Load(bytes);
            return true;
        }
        catch (TorrentFormatException)
        {
            return false;
        }
    }
}
