using System.Text.Json.Nodes;
using Swarmgrid.GrainInterfaces.Torrents;

namespace Swarmgrid.WebFront.Faces.Transmission;

/// <summary>What a torrent's fields are built from: its number and status, its label names, and its detail when a field needs one.</summary>
public sealed record TorrentFieldSource(NumberedTorrent Torrent, IReadOnlyList<string> Labels, TorrentDetail? Detail, DateTimeOffset Now,
    int? QueuePosition = null)
{
    public TorrentStatus Status => Torrent.Status;
}

/// <summary>
/// The <c>torrent-get</c> fields, with the names and JSON types of transmission-daemon 3.00 (plus 4.0's
/// <c>fileCount</c>). The seed-ratio and idle fields are the torrent grain's share limits; <c>secondsDownloading</c> is
/// not kept (0).
/// </summary>
public static class TransmissionTorrentFields
{
    public const int Stopped = 0;
    public const int CheckWait = 1;
    public const int Checking = 2;
    public const int DownloadWait = 3;
    public const int Downloading = 4;
    public const int SeedWait = 5;
    public const int Seeding = 6;

    /// <summary>Transmission's <c>error</c>: 0 none, 1 tracker warning, 2 tracker error, 3 local error.</summary>
    public const int LocalError = 3;

    /// <summary>The fields whose values need the torrent's files, peers or trackers.</summary>
    public static DetailParts PartsFor(IEnumerable<string> fields) => fields.Aggregate(DetailParts.None, (parts, field) => parts | field switch
    {
        "files" or "fileStats" or "priorities" or "wanted" or "totalSize" => DetailParts.Files,
        "peers" or "peersFrom" => DetailParts.Peers,
        "trackers" or "trackerStats" => DetailParts.Trackers,
        _ => DetailParts.None,
    });

    public static bool IsKnown(string field) => Fields.ContainsKey(field);

    /// <summary>Transmission's seed modes: 0 follow the session, 1 this torrent's own limit, 2 no limit.</summary>
    public static int SeedMode(double limit) => limit == ShareLimits.UseGlobal ? 0 : limit == ShareLimits.NoLimit ? 2 : 1;

    private static ShareLimits Limits(TorrentFieldSource x) => x.Status.ShareLimits ?? new ShareLimits();

    public static JsonNode? Value(string field, TorrentFieldSource source) => Fields[field](source);

    public static int StatusCode(TorrentStatus s) =>
        s.Verifying || s.State == "Hashing" ? Checking
        : s.Paused || s.State is "Stopped" or "Error" ? Stopped
        : s.Queued || s.State == "Queued" ? (s.Completed ? SeedWait : DownloadWait)
        : s.State == "Seeding" || s.Completed ? Seeding
        : Downloading;

    public static string ErrorString(TorrentStatus s) =>
        s.Error is { Length: > 0 } error ? error
        : s.FilesMissing ? "No data found! Ensure your drives are connected or use \"Set Location\"."
        : "";

    private static long Left(TorrentStatus s) => Math.Max(0, s.TotalBytes - s.BytesDone);

    private static long Eta(TorrentStatus s) =>
        s.Completed ? -1
        : s.DownloadRate > 0 ? Left(s) / s.DownloadRate
        : -1;

    private static long TotalSize(TorrentFieldSource x) => x.Detail?.Files is { Count: > 0 } files ? files.Sum(f => f.Size) : x.Status.TotalBytes;

    private static string FileName(TorrentFieldSource x, TorrentFileDetail file) =>
        x.Status.FileCount > 1 ? $"{x.Status.Name}/{file.Path}" : file.Path;

    /// <summary>
    /// Piece lengths are powers of two, and all pieces but the last are whole, so the smallest power of two that holds an
    /// even share of the bytes is the piece length (for a single piece, a bound on it).
    /// </summary>
    private static long PieceSize(TorrentFieldSource x) =>
        x.Status.PieceCount > 0 ? (long)System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1, (TotalSize(x) + x.Status.PieceCount - 1) / x.Status.PieceCount)) : 0;

    private static int Priority(int qbittorrent) => qbittorrent >= 6 ? 1 : 0;

    private static JsonArray Array<T>(IEnumerable<T> items, Func<T, JsonNode?> item) => new(items.Select(item).ToArray());

    private static readonly Dictionary<string, Func<TorrentFieldSource, JsonNode?>> Fields = new(StringComparer.Ordinal)
    {
        ["activityDate"] = x => x.Status.DownloadRate > 0 || x.Status.UploadRate > 0 ? x.Now.ToUnixTimeSeconds() : x.Status.AddedAt.ToUnixTimeSeconds(),
        ["addedDate"] = x => x.Status.AddedAt.ToUnixTimeSeconds(),
        ["bandwidthPriority"] = _ => 0,
        ["comment"] = _ => "",
        ["corruptEver"] = _ => 0,
        ["creator"] = _ => "",
        ["dateCreated"] = _ => 0,
        ["desiredAvailable"] = x => Left(x.Status),
        ["doneDate"] = _ => 0,
        ["downloadDir"] = x => x.Status.SavePath,
        ["downloadedEver"] = x => x.Status.Downloaded,
        ["downloadLimit"] = _ => 100,
        ["downloadLimited"] = _ => false,
        ["editDate"] = _ => 0,
        ["error"] = x => ErrorString(x.Status).Length > 0 ? LocalError : 0,
        ["errorString"] = x => ErrorString(x.Status),
        ["eta"] = x => Eta(x.Status),
        ["etaIdle"] = _ => -1,
        ["fileCount"] = x => x.Status.FileCount,
        ["files"] = x => Array(x.Detail?.Files ?? [], f => new JsonObject
        {
            ["bytesCompleted"] = f.BytesDone,
            ["length"] = f.Size,
            ["name"] = FileName(x, f),
        }),
        ["fileStats"] = x => Array(x.Detail?.Files ?? [], f => new JsonObject
        {
            ["bytesCompleted"] = f.BytesDone,
            ["wanted"] = f.Priority > 0,
            ["priority"] = Priority(f.Priority),
        }),
        ["hashString"] = x => x.Status.InfoHash,
        ["haveUnchecked"] = _ => 0,
        ["haveValid"] = x => x.Status.BytesDone,
        ["honorsSessionLimits"] = _ => true,
        ["id"] = x => x.Torrent.Id,
        ["isFinished"] = x => x.Status.Completed && x.Status.Paused,
        ["isPrivate"] = _ => false,
        ["isStalled"] = x => StatusCode(x.Status) == Downloading && x.Status.DownloadRate == 0 && x.Status.Peers == 0,
        ["labels"] = x => Array(x.Labels, l => JsonValue.Create(l)),
        ["leftUntilDone"] = x => Left(x.Status),
        ["magnetLink"] = x => x.Status.Magnet,
        ["manualAnnounceTime"] = _ => -1,
        ["maxConnectedPeers"] = _ => 50,
        ["metadataPercentComplete"] = x => x.Status.State == "FetchingMetadata" ? 0.0 : 1.0,
        ["name"] = x => x.Status.Name,
        ["peer-limit"] = _ => 50,
        ["peers"] = x => Array(x.Detail?.Peers ?? [], p => new JsonObject
        {
            ["address"] = p.Ip,
            ["clientName"] = p.Client,
            ["clientIsChoked"] = !p.Flags.Contains('D', StringComparison.Ordinal),
            ["clientIsInterested"] = p.Flags.Contains('D', StringComparison.Ordinal) || p.Flags.Contains('d', StringComparison.Ordinal),
            ["flagStr"] = p.Flags.Replace(" ", "", StringComparison.Ordinal),
            ["isDownloadingFrom"] = p.DownloadRate > 0,
            ["isEncrypted"] = p.Flags.Contains('E', StringComparison.Ordinal),
            ["isIncoming"] = p.Flags.Contains('I', StringComparison.Ordinal),
            ["isUploadingTo"] = p.UploadRate > 0,
            ["isUTP"] = false,
            ["peerIsChoked"] = !p.Flags.Contains('U', StringComparison.Ordinal),
            ["peerIsInterested"] = p.Flags.Contains('U', StringComparison.Ordinal) || p.Flags.Contains('u', StringComparison.Ordinal),
            ["port"] = p.Port,
            ["progress"] = p.Progress,
            ["rateToClient"] = p.DownloadRate,
            ["rateToPeer"] = p.UploadRate,
        }),
        ["peersConnected"] = x => x.Status.Peers,
        ["peersFrom"] = x => new JsonObject
        {
            ["fromCache"] = 0,
            ["fromDht"] = (x.Detail?.Peers ?? []).Count(p => p.Flags.Contains('H', StringComparison.Ordinal)),
            ["fromIncoming"] = (x.Detail?.Peers ?? []).Count(p => p.Flags.Contains('I', StringComparison.Ordinal)),
            ["fromLpd"] = (x.Detail?.Peers ?? []).Count(p => p.Flags.Contains('L', StringComparison.Ordinal)),
            ["fromLtep"] = 0,
            ["fromPex"] = (x.Detail?.Peers ?? []).Count(p => p.Flags.Contains('X', StringComparison.Ordinal)),
            ["fromTracker"] = (x.Detail?.Peers ?? []).Count(p => !p.Flags.Any(c => c is 'H' or 'I' or 'L' or 'X')),
        },
        ["peersGettingFromUs"] = x => x.Status.UploadRate > 0 ? Math.Max(1, x.Status.Peers - x.Status.Seeds) : 0,
        ["peersSendingToUs"] = x => x.Status.DownloadRate > 0 ? Math.Max(1, x.Status.Seeds) : 0,
        ["percentDone"] = x => x.Status.Progress,
        ["pieceCount"] = x => x.Status.PieceCount,
        ["pieceSize"] = x => PieceSize(x),
        ["priorities"] = x => Array(x.Detail?.Files ?? [], f => JsonValue.Create(Priority(f.Priority))),
        ["queuePosition"] = x => x.QueuePosition ?? Math.Max(0, x.Status.QueuePosition),
        ["rateDownload"] = x => x.Status.DownloadRate,
        ["rateUpload"] = x => x.Status.UploadRate,
        ["recheckProgress"] = x => x.Status.Verifying && x.Status.PieceCount > 0 ? (double)x.Status.VerifiedPieces / x.Status.PieceCount : 0.0,
        ["secondsDownloading"] = _ => 0,
        ["secondsSeeding"] = x => x.Status.SeedingSeconds,
        ["seedIdleLimit"] = x => Limits(x).InactiveSeedingTimeMinutes is var minutes and >= 0 ? minutes : 30,
        ["seedIdleMode"] = x => SeedMode(Limits(x).InactiveSeedingTimeMinutes),
        ["seedRatioLimit"] = x => Limits(x).RatioLimit is var ratio and >= 0 ? ratio : 2.0,
        ["seedRatioMode"] = x => SeedMode(Limits(x).RatioLimit),
        ["sizeWhenDone"] = x => x.Status.TotalBytes,
        ["startDate"] = x => x.Status.Paused ? 0 : x.Status.AddedAt.ToUnixTimeSeconds(),
        ["status"] = x => StatusCode(x.Status),
        ["totalSize"] = x => TotalSize(x),
        ["torrentFile"] = _ => "",
        ["trackers"] = x => Array((x.Detail?.Trackers ?? []).Select((t, i) => (t, i)), p => new JsonObject
        {
            ["announce"] = p.t.Url,
            ["id"] = p.i,
            ["scrape"] = Scrape(p.t.Url),
            ["tier"] = p.t.Tier,
        }),
        ["trackerStats"] = x => Array((x.Detail?.Trackers ?? []).Select((t, i) => (t, i)), p => TrackerStat(p.t, p.i)),
        ["uploadedEver"] = x => x.Status.Uploaded,
        ["uploadLimit"] = _ => 100,
        ["uploadLimited"] = _ => false,
        ["uploadRatio"] = x => x.Status.Downloaded > 0 ? Math.Round((double)x.Status.Uploaded / x.Status.Downloaded, 4) : x.Status.Uploaded > 0 ? -2.0 : 0.0,
        ["wanted"] = x => Array(x.Detail?.Files ?? [], f => JsonValue.Create(f.Priority > 0 ? 1 : 0)),
        ["webseeds"] = _ => new JsonArray(),
        ["webseedsSendingToUs"] = _ => 0,
    };

    /// <summary>The scrape URL by BEP 48's convention (<c>announce</c> in the last segment becomes <c>scrape</c>); empty when there is none.</summary>
    private static string Scrape(string announce)
    {
        var slash = announce.LastIndexOf('/');
        return slash >= 0 && announce.AsSpan(slash).StartsWith("/announce", StringComparison.Ordinal)
            ? string.Concat(announce.AsSpan(0, slash), "/scrape", announce.AsSpan(slash + "/announce".Length))
            : "";
    }

    private static JsonObject TrackerStat(TorrentTrackerDetail t, int id)
    {
        var host = Uri.TryCreate(t.Url, UriKind.Absolute, out var url) ? $"{url.Scheme}://{url.Authority}" : t.Url;
        var announced = t.LastAnnounce > 0;
        return new JsonObject
        {
            ["announce"] = t.Url,
            ["announceState"] = 1,
            ["downloadCount"] = t.Downloaded,
            ["hasAnnounced"] = announced,
            ["hasScraped"] = false,
            ["host"] = host,
            ["id"] = id,
            ["isBackup"] = false,
            ["lastAnnouncePeerCount"] = t.Peers,
            ["lastAnnounceResult"] = t.Message ?? (announced ? "Success" : ""),
            ["lastAnnounceStartTime"] = t.LastAnnounce,
            ["lastAnnounceSucceeded"] = announced && t.Message is null,
            ["lastAnnounceTime"] = t.LastAnnounce,
            ["lastAnnounceTimedOut"] = false,
            ["lastScrapeResult"] = "",
            ["lastScrapeStartTime"] = 0,
            ["lastScrapeSucceeded"] = false,
            ["lastScrapeTime"] = 0,
            ["lastScrapeTimedOut"] = false,
            ["leecherCount"] = t.Peers,
            ["nextAnnounceTime"] = t.NextAnnounce,
            ["nextScrapeTime"] = 0,
            ["scrape"] = Scrape(t.Url),
            ["scrapeState"] = 0,
            ["seederCount"] = t.Seeds,
            ["tier"] = t.Tier,
        };
    }
}
