using System.Net;
using Swarmgrid.BitTorrent.Magnet;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.PeerWire;
using Swarmgrid.BitTorrent.Storage;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>
/// One torrent in a <see cref="ClientEngine"/>: its public face and its lifecycle (queue, start, stop, checking the
/// data). The work is done by parts with one job each, all under this torrent's lock: <see cref="PeerConnections"/>
/// (dialling, accepting, housekeeping), <see cref="MessageDispatcher"/>, <see cref="BlockTransfer"/> (requests both
/// ways), <see cref="PieceVerifier"/>, <see cref="HashExchange"/> (BEP 52 hashes), <see cref="MetadataExchange"/> (BEP 9), <see cref="PeerExchange"/> (BEP 11),
/// <see cref="Choker"/>, <see cref="BanList"/>, <see cref="Announcer"/> (trackers), <see cref="DhtPeerSource"/> and <see cref="WebSeedSource"/>. Hashing and disk writes of
/// finished pieces run on the thread pool.
/// </summary>
public sealed class TorrentManager
{
    private readonly TaskCompletionSource completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IReadOnlyList<IReadOnlyList<string>> magnetTiers;
    private FilePriority[] filePriorities = [];
    private CancellationTokenSource? running;
    private Task? runTask;
    private TorrentState state = TorrentState.Stopped;
    private string? error;
    private IReadOnlyList<string> missingFiles = [];
    private bool wanted;
    private bool forceStart;

    internal TorrentManager(ClientEngine engine, Torrent? torrent, MagnetLink? magnet, string directory)
    {
        Engine = engine;
        Loaded = torrent;
        Directory = directory;
        InfoHashes = torrent?.InfoHashes ?? magnet!.InfoHashes;
        WireHash = TrackerHash.FromBytes(InfoHashes.Primary.Span);
        DownloadMeter = new RateMeter(engine.Time);
        UploadMeter = new RateMeter(engine.Time);
        DownloadLimit = new RateLimiter(engine.Time, 0, engine.DownloadLimit);
        UploadLimit = new RateLimiter(engine.Time, 0, engine.UploadLimit);
        magnetTiers = magnet?.Trackers.Select(t => (IReadOnlyList<string>)[t]).ToList() ?? [];
        Connections = new PeerConnections(this);
        Dispatcher = new MessageDispatcher(this);
        Transfer = new BlockTransfer(this);
        Verifier = new PieceVerifier(this);
        Hashes = new HashExchange(this);
        Metadata = new MetadataExchange(this);
        Pex = new PeerExchange(this);
        Choker = new Choker(this);
        Bans = new BanList();
        Announcer = new Announcer(this, torrent?.AnnounceTiers ?? magnetTiers);
        DhtSource = new DhtPeerSource(this);
        WebSeeds = new WebSeedSource(this, magnet?.WebSeeds ?? []);
        foreach (var peer in magnet?.Peers ?? [])
        {
            if (IPEndPoint.TryParse(peer, out var endpoint))
            {
                Connections.AddCandidate(endpoint, PeerSource.Manual);
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
    public Torrent? Torrent => Loaded;

    /// <summary>Per-torrent download limit, under the engine's global one; 0 means none.</summary>
    public RateLimiter DownloadLimit { get; }

    /// <summary>Per-torrent upload limit, under the engine's global one; 0 means none.</summary>
    public RateLimiter UploadLimit { get; }

    /// <summary>
    /// The .torrent bytes of the metadata, with the source's trackers (a magnet link's when added from one) and the
    /// v2 piece layers known; null while a magnet link's metadata is still being fetched, and for a v2-only torrent
    /// until every piece layer has come from peers (its .torrent must carry them to load; a hybrid's need not).
    /// </summary>
    public byte[]? ExportMetainfo() =>
        Loaded is { } known && (known.HasV1 || known.HasAllPieceLayers)
            ? MetainfoComposer.Compose(known.RawInfo.Span, known.AnnounceTiers.Count > 0 ? known.AnnounceTiers : magnetTiers, known.KnownPieceLayers)
            : null;

    /// <summary>Where fast resume data is kept.</summary>
    public string ResumePath => Path.Combine(Directory, $".{InfoHashes.Primary.ToHex()}.resume");

    /// <summary>Completes when every wanted piece is verified.</summary>
    public Task Completion => completed.Task;

    public TorrentState State
    {
        get
        {
            lock (Gate)
            {
                return state;
            }
        }
    }

    /// <summary>Whether the torrent runs regardless of the engine's active limits.</summary>
    public bool ForceStart
    {
        get
        {
            lock (Gate)
            {
                return forceStart;
            }
        }
    }

    /// <summary>The torrent's place in the engine's queue, 0 first.</summary>
    public int QueuePosition => Engine.QueuePositionOf(this);

    internal ClientEngine Engine { get; }

    /// <summary><see cref="State"/> for callers that hold the lock.</summary>
    internal TorrentState CurrentState => state;

    /// <summary>Guards everything the parts share; message handling, choking and requests all run under it.</summary>
    internal Lock Gate { get; } = new();

    /// <summary>Connected peers (after the handshake).</summary>
    internal List<PeerConnection> Peers { get; } = [];

    internal Torrent? Loaded { get; private set; }

    internal TorrentStorage? Storage { get; private set; }

    internal PiecePicker? Picker { get; private set; }

    internal RateMeter DownloadMeter { get; }

    internal RateMeter UploadMeter { get; }

    internal int HashFailures { get; set; }

    internal bool ResumeDirty { get; set; }

    /// <summary>The token of the current run; cancelled when the torrent stops.</summary>
    internal CancellationToken RunToken => running?.Token ?? new CancellationToken(canceled: true);

    internal bool IsRunning => running is not null;

    internal bool IsPrivate => Loaded?.IsPrivate == true;

    /// <summary>Whether local discovery may announce the torrent: running, and not private.</summary>
    internal bool IsAnnounceable
    {
        get
        {
            lock (Gate)
            {
                return running is not null && !IsPrivate;
            }
        }
    }

    /// <summary>A peer heard through local service discovery.</summary>
    internal void AddLocalPeer(IPEndPoint endpoint)
    {
        lock (Gate)
        {
            if (!IsPrivate)
            {
                Connections.AddCandidate(endpoint, PeerSource.LocalDiscovery);
            }
        }
    }

    internal PeerConnections Connections { get; }

    internal MessageDispatcher Dispatcher { get; }

    internal BlockTransfer Transfer { get; }

    internal PieceVerifier Verifier { get; }

    internal HashExchange Hashes { get; }

    internal MetadataExchange Metadata { get; }

    internal PeerExchange Pex { get; }

    internal Choker Choker { get; }

    internal BanList Bans { get; }

    internal Announcer Announcer { get; }

    internal DhtPeerSource DhtSource { get; }

    internal WebSeedSource WebSeeds { get; }

    /// <summary>The handshake this torrent sends.</summary>
    internal Handshake OwnHandshake =>
        new(Handshake.ExtensionProtocolBit | Handshake.FastExtensionBit | (Loaded?.Version == TorrentVersion.V2 ? Handshake.V2UpgradeBit : 0)
            | (Engine.Dht is { Settings.ReadOnly: false } ? Handshake.DhtBit : 0), WireHash, Engine.PeerId);

    /// <summary>
    /// Sets a file's priority (before or while running). A skipped file is not created: the bytes of pieces it shares
    /// with wanted files go to the part file, and move into the file when it is wanted again.
    /// </summary>
    public void SetFilePriority(int fileIndex, FilePriority priority)
    {
        lock (Gate)
        {
            filePriorities[fileIndex] = priority;
            if (Picker is not null && Storage is not null)
            {
                try
                {
                    Storage.SetSkipped(fileIndex, priority == FilePriority.Skip);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    OnStorageFailed(ex);
                }
                ResumeDirty = true;
                ApplyPriorities();
                if (state == TorrentState.Seeding && !Picker.IsComplete)
                {
                    // A file wanted again after the rest finished: back to downloading (and to the queue's download slots).
                    state = TorrentState.Downloading;
                    Engine.RequestReschedule();
                    foreach (var peer in Peers)
                    {
                        Transfer.UpdateInterest(peer);
                    }
                }
            }
        }
    }

    /// <summary>Adds a peer to try (beside those from trackers).</summary>
    public void AddPeer(IPEndPoint endpoint)
    {
        lock (Gate)
        {
            Connections.AddCandidate(endpoint, PeerSource.Manual);
        }
    }

    /// <summary>
    /// Asks the torrent's trackers how many seeders, leechers and completed downloads they count (BEP 48 over HTTP,
    /// BEP 15 over UDP), trying them in tier order; the first answer, or why none came.
    /// </summary>
    public Task<ScrapeResult> ScrapeAsync(CancellationToken cancellationToken = default) => Announcer.ScrapeAsync(cancellationToken);

    /// <summary>What the torrent exchanged besides blocks (peer exchange, BEP 52 hashes).</summary>
    public ExchangeCounters GetCounters()
    {
        lock (Gate)
        {
            return new ExchangeCounters(Pex.MessagesReceived, Pex.MessagesSent, Hashes.Accepted, Hashes.Served, DhtSource.Lookups, DhtSource.PeersFound,
                WebSeeds.Downloaded);
        }
    }

    /// <summary>The torrent's web seeds (BEP 19) and how each is doing; empty until the metadata is known.</summary>
    public IReadOnlyList<WebSeedInfo> GetWebSeeds()
    {
        lock (Gate)
        {
            return WebSeeds.Describe();
        }
    }

    /// <summary>The connected peers; a peer that sent no client name is named from its peer id.</summary>
    public IReadOnlyList<PeerInfo> GetPeers()
    {
        lock (Gate)
        {
            return Peers.Select(p =>
            {
                var described = p.Describe();
                return described with
                {
                    Client = described.Client ?? PeerIdClient.Describe(p.Remote.PeerId),
                    Progress = p.Has is { Length: > 0 } has ? (double)has.CountSet / has.Length : p.PendingHaveAll ? 1 : 0,
                };
            }).ToList();
        }
    }

    /// <summary>The torrent's trackers, tier by tier, with what each last answered.</summary>
    public IReadOnlyList<TrackerInfo> GetTrackers()
    {
        lock (Gate)
        {
            return Announcer.Describe();
        }
    }

    /// <summary>
    /// Verified bytes of each file, in the torrent's file order (pad files included, as 0); empty until the metadata is
    /// known, all 0 until the data has been checked.
    /// </summary>
    public IReadOnlyList<long> GetFileProgress()
    {
        lock (Gate)
        {
            if (Loaded is null)
            {
                return [];
            }
            var done = new long[Loaded.Files.Count];
            if (Picker is null || Storage is null)
            {
                return done;
            }
            var layout = Storage.Layout;
            for (var piece = 0; piece < Loaded.PieceCount; piece++)
            {
                if (!Picker.Have[piece])
                {
                    continue;
                }
                foreach (var span in layout.Spans((long)piece * layout.PieceLength, layout.PieceSize(piece)))
                {
                    if (span.FileIndex >= 0)
                    {
                        done[span.FileIndex] += span.Length;
                    }
                }
            }
            return done;
        }
    }

    public TorrentStats GetStats()
    {
        lock (Gate)
        {
            long wantedBytes = 0, verified = 0;
            if (Loaded is not null && Storage is not null && Picker is not null)
            {
                for (var i = 0; i < Loaded.PieceCount; i++)
                {
                    if (PiecePriority(i) > 0)
                    {
                        var size = Storage.Layout.PieceSize(i);
                        wantedBytes += size;
                        verified += Picker.Have[i] ? size : 0;
                    }
                }
            }
            return new TorrentStats(state, wantedBytes, verified, DownloadMeter.BytesPerSecond, UploadMeter.BytesPerSecond, DownloadMeter.Total,
                UploadMeter.Total, Peers.Count, Peers.Count(p => p.IsSeed), Picker?.Have.CountSet ?? 0, Loaded?.PieceCount ?? 0, HashFailures,
                Bans.Count, missingFiles, error, Engine.QueuePositionOf(this), forceStart);
        }
    }

    /// <summary>
    /// Asks for the torrent to run. It starts (checking existing data, then announcing and connecting) when the engine's
    /// queue has room for it or it is force-started; otherwise it waits as <see cref="TorrentState.Queued"/>.
    /// </summary>
    public Task StartAsync()
    {
        lock (Gate)
        {
            wanted = true;
        }
        return Engine.RescheduleAsync();
    }

    /// <summary>Stops the torrent (disconnecting peers, saving resume data, sending <c>stopped</c>) and lets a queued one take its slot.</summary>
    public async Task StopAsync()
    {
        lock (Gate)
        {
            wanted = false;
        }
        await DeactivateAsync(TorrentState.Stopped);
        await Engine.RescheduleAsync();
    }

    /// <summary>
    /// Forgets the resume data and hashes every piece on disk again (the torrent is <see cref="TorrentState.Hashing"/>
    /// meanwhile); a torrent that was not running stays stopped and is checked at its next start.
    /// </summary>
    public async Task RecheckAsync()
    {
        bool wasWanted;
        lock (Gate)
        {
            wasWanted = wanted;
        }
        await DeactivateAsync(TorrentState.Stopped);
        lock (Gate)
        {
            Picker = null;
            ResumeDirty = false;
        }
        File.Delete(ResumePath);
        if (wasWanted)
        {
            await Engine.RescheduleAsync();
        }
    }

    /// <summary>Force-starts the torrent (it runs and does not count against the limits), or returns it to the queue's rule.</summary>
    public Task SetForceStartAsync(bool force)
    {
        lock (Gate)
        {
            forceStart = force;
            wanted |= force;
        }
        return Engine.RescheduleAsync();
    }

    /// <summary>What the queue needs to know: whether it should run, bypasses the limits, and counts as a seed.</summary>
    internal (bool Wanted, bool Forced, bool Seeding) QueueFacts()
    {
        lock (Gate)
        {
            return (wanted, forceStart, Picker?.IsComplete ?? false);
        }
    }

    /// <summary>Runs the torrent unless it already runs.</summary>
    internal void Activate()
    {
        lock (Gate)
        {
            if (running is not null || !wanted)
            {
                return;
            }
            running = new CancellationTokenSource();
            error = null;
            state = Loaded is null ? TorrentState.FetchingMetadata : TorrentState.Hashing;
            var token = running.Token;
            runTask = Task.Run(() => RunAsync(token));
        }
    }

    /// <summary>Stops running, leaving the torrent <paramref name="after"/> (stopped by the user, or queued).</summary>
    internal async Task DeactivateAsync(TorrentState after)
    {
        CancellationTokenSource? stopping;
        Task? task;
        lock (Gate)
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
        foreach (var peer in SnapshotPeers())
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
        await Announcer.StopAsync();
        Storage?.Close();
        stopping.Dispose();
    }

    internal List<PeerConnection> SnapshotPeers()
    {
        lock (Gate)
        {
            return [.. Peers];
        }
    }

    /// <summary>Every wanted piece is verified: the torrent seeds from now on. Under the lock.</summary>
    internal void OnCompleted()
    {
        if (state == TorrentState.Downloading)
        {
            state = TorrentState.Seeding;
        }
        completed.TrySetResult();
        Engine.RequestReschedule();
    }

    /// <summary>Storage failed (or the torrent hit a bug): the torrent stops with the error. Under the lock.</summary>
    internal void OnStorageFailed(Exception ex)
    {
        state = TorrentState.Error;
        error = ex.Message;
        completed.TrySetException(ex);
    }

    /// <summary>A magnet link's metadata arrived and checked out: check the data and start downloading. Under the lock.</summary>
    internal void OnMetadataReceived(Torrent loaded)
    {
        Loaded = loaded;
        state = TorrentState.Hashing;
        var token = RunToken;
        _ = Task.Run(() => InitializeAsync(loaded, token), token);
    }

    /// <summary>The priority of the most wanted file a piece touches; 0 when every file it touches is skipped.</summary>
    internal int PiecePriority(int piece) =>
        Storage!.Layout.FilesOfPiece(piece).Select(f => (int)filePriorities[f]).DefaultIfEmpty(0).Max();

    /// <summary>Bytes still to verify; the whole size before the picker exists.</summary>
    internal long GetLeft()
    {
        if (Picker is null || Storage is null)
        {
            return Loaded?.TotalSize ?? 1;
        }
        long left = 0;
        for (var i = 0; i < Loaded!.PieceCount; i++)
        {
            left += Picker.Have[i] ? 0 : Storage.Layout.PieceSize(i);
        }
        return left;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var announcing = Announcer.RunAsync(cancellationToken);
            var dhtLookups = DhtSource.RunAsync(cancellationToken);
            if (Loaded is not null)
            {
                await InitializeAsync(Loaded, cancellationToken);
            }
            var lastResume = Engine.Time.GetTimestamp();
            while (!cancellationToken.IsCancellationRequested)
            {
                Connections.ConnectMore(cancellationToken);
                lock (Gate)
                {
                    Connections.Housekeeping();
                    Choker.Tick();
                    Metadata.RequestMore();
                    Pex.Tick();
                    Hashes.Tick();
                    foreach (var peer in Peers)
                    {
                        Transfer.FillRequests(peer);
                    }
                }
                if (Engine.Time.GetElapsedTime(lastResume).TotalSeconds >= 5)
                {
                    SaveResume();
                    lastResume = Engine.Time.GetTimestamp();
                }
                await Task.Delay(TimeSpan.FromSeconds(1), Engine.Time, cancellationToken);
            }
            await announcing;
            await dhtLookups;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            lock (Gate)
            {
                OnStorageFailed(ex);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug must not leave a torrent that looks alive but never ticks again: it stops, saying why.
            lock (Gate)
            {
                OnStorageFailed(new InvalidOperationException($"internal error: {ex.Message}", ex));
            }
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
                var rechecked = await PieceRecheck.RunAsync(opened, cancellationToken: cancellationToken);
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
            have = AnyFileExists(opened) ? await PieceRecheck.RunAsync(opened, cancellationToken: cancellationToken) : new Bitfield(loaded.PieceCount);
        }
        lock (Gate)
        {
            if (running?.Token != cancellationToken)
            {
                // Stopped or queued while checking: the next start checks again.
                opened.Close();
                return;
            }
            Loaded = loaded;
            Storage = opened;
            if (filePriorities.Length != loaded.Files.Count)
            {
                filePriorities = Enumerable.Repeat(FilePriority.Normal, loaded.Files.Count).ToArray();
            }
            missingFiles = missing.Select(i => loaded.Files[i].Path).ToArray();
            Picker = new PiecePicker(have, new int[loaded.PieceCount], opened.Layout.PieceSize);
            if (loaded.Version == TorrentVersion.V2 && !loaded.HasAllPieceLayers)
            {
                Picker.CanStart = Hashes.CanVerify;
            }
            ApplyPriorities();
            for (var i = 0; i < loaded.Files.Count; i++)
            {
                opened.SetSkipped(i, filePriorities[i] == FilePriority.Skip);
            }
            opened.Preallocate(i => filePriorities[i] != FilePriority.Skip);
            ResumeDirty = true;
            state = Picker.IsComplete ? TorrentState.Seeding : TorrentState.Downloading;
            if (Picker.IsComplete)
            {
                OnCompleted();
            }
            foreach (var peer in Peers)
            {
                Dispatcher.AdoptPendingBits(peer);
                Transfer.UpdateInterest(peer);
            }
            if (!Picker.IsComplete)
            {
                WebSeeds.Start(loaded, cancellationToken);
            }
        }
    }

    private static bool AnyFileExists(TorrentStorage storage) =>
        Enumerable.Range(0, storage.Torrent.Files.Count).Any(i => !storage.Torrent.Files[i].IsPad && File.Exists(storage.PathOf(i)));

    private void ApplyPriorities()
    {
        for (var piece = 0; piece < Loaded!.PieceCount; piece++)
        {
            Picker!.SetPriority(piece, PiecePriority(piece));
        }
    }

    private void SaveResume()
    {
        ResumeData? data;
        Torrent? loaded;
        lock (Gate)
        {
            if (!ResumeDirty || Storage is null || Picker is null)
            {
                return;
            }
            ResumeDirty = false;
            data = ResumeData.Capture(Storage, Picker.Have);
            loaded = Loaded;
        }
        try
        {
            data.Save(ResumePath, loaded!);
        }
        catch (IOException)
        {
            lock (Gate)
            {
                ResumeDirty = true;
            }
        }
    }
}
