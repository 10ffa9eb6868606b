using System.Net;
using Swarmgrid.BitTorrent.Magnet;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.PeerWire;
using Swarmgrid.BitTorrent.Storage;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>
/// One torrent in a <see cref="ClientEngine"/>: its peers, picker, storage and trackers. Peer messages are handled
/// under one lock; hashing and disk writes of finished pieces run on the thread pool.
/// </summary>
public sealed partial class TorrentManager
{
    private const byte MetadataExtensionId = 1;
    private const byte PexExtensionId = 2;

    private readonly ClientEngine engine;
    private readonly Lock gate = new();
    private readonly List<PeerConnection> peers = [];
    private readonly HashSet<IPEndPoint> candidates = [];
    private readonly HashSet<IPEndPoint> connecting = [];
    private readonly Dictionary<IPAddress, int> badPieces = [];
    private readonly HashSet<IPAddress> banned = [];
    private readonly TaskCompletionSource completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly RateMeter downloadMeter;
    private readonly RateMeter uploadMeter;
    private readonly MetadataAssembler metadata;
    private readonly TrackerTiers tiers;
    private readonly IReadOnlyList<IReadOnlyList<string>> magnetTiers;
    private Torrent? torrent;
    private TorrentStorage? storage;
    private PiecePicker? picker;
    private FilePriority[] filePriorities = [];
    private CancellationTokenSource? running;
    private Task? runTask;
    private TorrentState state = TorrentState.Stopped;
    private string? error;
    private IReadOnlyList<string> missingFiles = [];
    private int hashFailures;
    private bool resumeDirty;
    private bool wanted;
    private bool forceStart;

    internal TorrentManager(ClientEngine engine, Torrent? torrent, MagnetLink? magnet, string directory)
    {
        this.engine = engine;
        this.torrent = torrent;
        Directory = directory;
        InfoHashes = torrent?.InfoHashes ?? magnet!.InfoHashes;
        WireHash = TrackerHash.FromBytes(InfoHashes.Primary.Span);
        downloadMeter = new RateMeter(engine.Time);
        uploadMeter = new RateMeter(engine.Time);
        DownloadLimit = new RateLimiter(engine.Time, 0, engine.DownloadLimit);
        UploadLimit = new RateLimiter(engine.Time, 0, engine.UploadLimit);
        metadata = new MetadataAssembler(InfoHashes);
        magnetTiers = magnet?.Trackers.Select(t => (IReadOnlyList<string>)[t]).ToList() ?? [];
        tiers = new TrackerTiers(torrent?.AnnounceTiers ?? magnetTiers);
        foreach (var peer in magnet?.Peers ?? [])
        {
            if (IPEndPoint.TryParse(peer, out var endpoint))
            {
                candidates.Add(endpoint);
            }
        }
        if (torrent is not null)
        {
            filePriorities = Enumerable.Repeat(FilePriority.Normal, torrent.Files.Count).ToArray();
        }
    }

    public InfoHashes InfoHashes { get; }

    /// <summary>The 20-byte hash in handshakes and announces.</summary>
    public TrackerHash WireHash { get; }

    public string Directory { get; }

    /// <summary>The torrent; null until a magnet link's metadata arrives.</summary>
    public Torrent? Torrent => torrent;

    /// <summary>Per-torrent download limit, under the engine's global one; 0 means none.</summary>
    public RateLimiter DownloadLimit { get; }

    /// <summary>
    /// The .torrent bytes of the metadata, with the source's trackers (a magnet link's when added from one); null
    /// while a magnet link's metadata is still being fetched.
    /// </summary>
    public byte[]? ExportMetainfo() =>
        torrent is { } known ? MetainfoComposer.Compose(known.RawInfo.Span, known.AnnounceTiers.Count > 0 ? known.AnnounceTiers : magnetTiers) : null;

    /// <summary>Per-torrent upload limit, under the engine's global one; 0 means none.</summary>
    public RateLimiter UploadLimit { get; }

    /// <summary>Where fast resume data is kept.</summary>
    public string ResumePath => Path.Combine(Directory, $".{InfoHashes.Primary.ToHex()}.resume");

    /// <summary>Completes when every wanted piece is verified.</summary>
    public Task Completion => completed.Task;

    public TorrentState State
    {
        get
        {
            lock (gate)
            {
                return state;
            }
        }
    }

    /// <summary>Sets a file's priority (before or while running).</summary>
    public void SetFilePriority(int fileIndex, FilePriority priority)
    {
        lock (gate)
        {
            filePriorities[fileIndex] = priority;
            if (picker is not null && storage is not null)
            {
                ApplyPriorities();
            }
        }
    }

    /// <summary>Adds a peer to try (beside those from trackers).</summary>
    public void AddPeer(IPEndPoint endpoint)
    {
        lock (gate)
        {
            candidates.Add(endpoint);
        }
    }

    public TorrentStats GetStats()
    {
        lock (gate)
        {
            long wanted = 0, verified = 0;
            if (torrent is not null && storage is not null && picker is not null)
            {
                for (var i = 0; i < torrent.PieceCount; i++)
                {
                    if (PiecePriority(i) > 0)
                    {
                        var size = storage.Layout.PieceSize(i);
                        wanted += size;
                        verified += picker.Have[i] ? size : 0;
                    }
                }
            }
            return new TorrentStats(state, wanted, verified, downloadMeter.BytesPerSecond, uploadMeter.BytesPerSecond, downloadMeter.Total,
                uploadMeter.Total, peers.Count, peers.Count(p => p.IsSeed), picker?.Have.CountSet ?? 0, torrent?.PieceCount ?? 0, hashFailures,
                banned.Count, missingFiles, error, engine.QueuePositionOf(this), forceStart);
        }
    }

    /// <summary>
    /// Asks for the torrent to run. It starts (checking existing data, then announcing and connecting) when the engine's
    /// queue has room for it or it is force-started; otherwise it waits as <see cref="TorrentState.Queued"/>.
    /// </summary>
    public Task StartAsync()
    {
        lock (gate)
        {
            wanted = true;
        }
        return engine.RescheduleAsync();
    }

    /// <summary>Stops the torrent (disconnecting peers, saving resume data, sending <c>stopped</c>) and lets a queued one take its slot.</summary>
    public async Task StopAsync()
    {
        lock (gate)
        {
            wanted = false;
        }
        await DeactivateAsync(TorrentState.Stopped);
        await engine.RescheduleAsync();
    }

    /// <summary>
    /// Forgets the resume data and hashes every piece on disk again (the torrent is <see cref="TorrentState.Hashing"/>
    /// meanwhile); a torrent that was not running stays stopped and is checked at its next start.
    /// </summary>
    public async Task RecheckAsync()
    {
        bool wasWanted;
        lock (gate)
        {
            wasWanted = wanted;
        }
        await DeactivateAsync(TorrentState.Stopped);
        lock (gate)
        {
            picker = null;
            resumeDirty = false;
        }
        File.Delete(ResumePath);
        if (wasWanted)
        {
            await engine.RescheduleAsync();
        }
    }

    /// <summary>Whether the torrent runs regardless of the engine's active limits.</summary>
    public bool ForceStart
    {
        get
        {
            lock (gate)
            {
                return forceStart;
            }
        }
    }

    /// <summary>Force-starts the torrent (it runs and does not count against the limits), or returns it to the queue's rule.</summary>
    public Task SetForceStartAsync(bool force)
    {
        lock (gate)
        {
            forceStart = force;
            wanted |= force;
        }
        return engine.RescheduleAsync();
    }

    /// <summary>The torrent's place in the engine's queue, 0 first.</summary>
    public int QueuePosition => engine.QueuePositionOf(this);

    /// <summary>What the queue needs to know: whether it should run, bypasses the limits, and counts as a seed.</summary>
    internal (bool Wanted, bool Forced, bool Seeding) QueueFacts()
    {
        lock (gate)
        {
            return (wanted, forceStart, picker?.IsComplete ?? false);
        }
    }

    /// <summary>Runs the torrent unless it already runs.</summary>
    internal void Activate()
    {
        lock (gate)
        {
            if (running is not null || !wanted)
            {
                return;
            }
            running = new CancellationTokenSource();
            error = null;
            state = torrent is null ? TorrentState.FetchingMetadata : TorrentState.Hashing;
            var token = running.Token;
            runTask = Task.Run(() => RunAsync(token));
        }
    }

    /// <summary>Stops running, leaving the torrent <paramref name="after"/> (stopped by the user, or queued).</summary>
    internal async Task DeactivateAsync(TorrentState after)
    {
        CancellationTokenSource? stopping;
        Task? task;
        lock (gate)
        {
            (stopping, running) = (running, null);
            task = runTask;
            state = after;
        }
        if (stopping is null)
        {
            return;
        }
        await stopping.CancelAsync();
        foreach (var peer in Snapshot())
        {
            peer.Close();
        }
        try
        {
            await task!;
        }
        catch (OperationCanceledException)
        {
        }
        SaveResume();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await tiers.StopAllAsync(engine.Trackers, BuildAnnounce(TrackerEvent.Stopped), timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A tracker too slow to hear that we stopped forgets us at its next interval anyway.
        }
        storage?.Close();
        stopping.Dispose();
    }

    private List<PeerConnection> Snapshot()
    {
        lock (gate)
        {
            return [.. peers];
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var announcing = AnnounceLoopAsync(cancellationToken);
            if (torrent is not null)
            {
                await InitializeAsync(torrent, cancellationToken);
            }
            var lastChoke = long.MinValue;
            var lastResume = engine.Time.GetTimestamp();
            var tick = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                ConnectMore(cancellationToken);
                lock (gate)
                {
                    if (engine.Time.GetElapsedTime(lastChoke).TotalSeconds >= 10)
                    {
                        RunChoker(tick % 3 == 0);
                        lastChoke = engine.Time.GetTimestamp();
                        tick++;
                    }
                    RequestMetadata();
                    foreach (var peer in peers)
                    {
                        FillRequests(peer);
                    }
                }
                if (engine.Time.GetElapsedTime(lastResume).TotalSeconds >= 5)
                {
                    SaveResume();
                    lastResume = engine.Time.GetTimestamp();
                }
                await Task.Delay(TimeSpan.FromSeconds(1), engine.Time, cancellationToken);
            }
            await announcing;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            lock (gate)
            {
                state = TorrentState.Error;
                error = ex.Message;
            }
            completed.TrySetException(ex);
        }
    }

    /// <summary>Opens storage, trusts resume data where the files are unchanged (else hashes the data), and builds the picker.</summary>
    private async Task InitializeAsync(Torrent loaded, CancellationToken cancellationToken)
    {
        var opened = new TorrentStorage(loaded, Directory);
        Bitfield have;
        var resume = ResumeData.Load(ResumePath, loaded);
        IReadOnlyList<int> missing = [];
        if (resume is not null)
        {
            have = resume.TrustedPieces(opened, out missing, out var changed);
            if (changed.Count > 0)
            {
                var rechecked = await PieceRecheck.RunAsync(loaded, Directory, cancellationToken: cancellationToken);
                foreach (var file in changed)
                {
                    var (first, last) = opened.Layout.PiecesOfFile(file);
                    for (var piece = first; piece <= last; piece++)
                    {
                        have[piece] = rechecked[piece];
                    }
                }
            }
        }
        else
        {
            have = AnyFileExists(opened) ? await PieceRecheck.RunAsync(loaded, Directory, cancellationToken: cancellationToken) : new Bitfield(loaded.PieceCount);
        }
        lock (gate)
        {
            if (running?.Token != cancellationToken)
            {
                // Stopped or queued while checking: the next start checks again.
                opened.Close();
                return;
            }
            torrent = loaded;
            storage = opened;
            if (filePriorities.Length != loaded.Files.Count)
            {
                filePriorities = Enumerable.Repeat(FilePriority.Normal, loaded.Files.Count).ToArray();
            }
            missingFiles = missing.Select(i => loaded.Files[i].Path).ToArray();
            picker = new PiecePicker(have, new int[loaded.PieceCount], opened.Layout.PieceSize);
            ApplyPriorities();
            opened.Preallocate(i => filePriorities[i] != FilePriority.Skip);
            resumeDirty = true;
            state = picker.IsComplete ? TorrentState.Seeding : TorrentState.Downloading;
            if (picker.IsComplete)
            {
                completed.TrySetResult();
                engine.RequestReschedule();
            }
            foreach (var peer in peers)
            {
                AdoptPendingBits(peer);
                UpdateInterest(peer);
            }
        }
    }

    private static bool AnyFileExists(TorrentStorage storage) =>
        Enumerable.Range(0, storage.Torrent.Files.Count).Any(i => !storage.Torrent.Files[i].IsPad && File.Exists(storage.PathOf(i)));

    private int PiecePriority(int piece) =>
        storage!.Layout.FilesOfPiece(piece).Select(f => (int)filePriorities[f]).DefaultIfEmpty(0).Max();

    private void ApplyPriorities()
    {
        for (var piece = 0; piece < torrent!.PieceCount; piece++)
        {
            picker!.SetPriority(piece, PiecePriority(piece));
        }
    }

    private void SaveResume()
    {
        ResumeData? data;
        lock (gate)
        {
            if (!resumeDirty || storage is null || picker is null)
            {
                return;
            }
            resumeDirty = false;
            data = ResumeData.Capture(storage, picker.Have);
        }
        try
        {
            data.Save(ResumePath, torrent!);
        }
        catch (IOException)
        {
            resumeDirty = true;
        }
    }

    private AnnounceRequest BuildAnnounce(TrackerEvent trackerEvent)
    {
        lock (gate)
        {
            var left = torrent is null ? 1 : GetLeft();
            return new AnnounceRequest(WireHash, engine.PeerId, (ushort)engine.ListenPort, uploadMeter.Total, downloadMeter.Total, left, trackerEvent,
                Key: engine.Key);
        }
    }

    private long GetLeft()
    {
        if (picker is null || storage is null)
        {
            return torrent!.TotalSize;
        }
        long left = 0;
        for (var i = 0; i < torrent!.PieceCount; i++)
        {
            left += picker.Have[i] ? 0 : storage.Layout.PieceSize(i);
        }
        return left;
    }

    private async Task AnnounceLoopAsync(CancellationToken cancellationToken)
    {
        var trackerEvent = TrackerEvent.Started;
        var announcedComplete = false;
        while (!cancellationToken.IsCancellationRequested && !tiers.IsEmpty)
        {
            var (_, result) = await tiers.AnnounceAsync(engine.Trackers, BuildAnnounce(trackerEvent), cancellationToken);
            if (result.IsSuccess)
            {
                trackerEvent = TrackerEvent.None;
                lock (gate)
                {
                    foreach (var peer in result.Peers)
                    {
                        candidates.Add(peer.ToIPEndPoint());
                    }
                }
            }
            var wait = result.IsSuccess ? result.Interval : TimeSpan.FromSeconds(15);
            if (result.MinInterval is { } min && wait < min)
            {
                wait = min;
            }
            var completion = announcedComplete ? Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken) : Completion;
            var finished = await Task.WhenAny(Task.Delay(wait, engine.Time, cancellationToken), completion);
            cancellationToken.ThrowIfCancellationRequested();
            if (finished == completion && !announcedComplete)
            {
                announcedComplete = true;
                // A torrent that started complete never sends completed: it did not complete here.
                trackerEvent = downloadMeter.Total > 0 ? TrackerEvent.Completed : TrackerEvent.None;
            }
        }
    }
}
