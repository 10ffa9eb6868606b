using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Swarmgrid.BitTorrent.Dht;
using Swarmgrid.BitTorrent.Discovery;
using Swarmgrid.BitTorrent.Encryption;
using Swarmgrid.BitTorrent.Magnet;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.PeerWire;
using Swarmgrid.BitTorrent.Tracker;

namespace Swarmgrid.BitTorrent.Client;

/// <summary>
/// The BitTorrent engine: one listening port, one peer id and the global rate limits shared by its torrents
/// (<see cref="TorrentManager"/>). Time, outgoing connections and trackers are replaceable.
/// </summary>
public sealed partial class ClientEngine : IAsyncDisposable
{
    private readonly ConcurrentDictionary<TrackerHash, TorrentManager> torrents = new();
    private readonly CancellationTokenSource closing = new();
    private readonly Lock settingsGate = new();
    private readonly HttpClient? ownedHttp;
    private readonly Lazy<WebSeedClient> webSeedClient = new(() => new WebSeedClient());
    private TcpListener? listener;
    private Task? acceptLoop;
    private Task? lsdLoop;

    public ClientEngine(EngineSettings? settings = null, TimeProvider? time = null, IPeerConnector? connector = null, ITrackerClient? trackers = null)
    {
        Settings = settings ?? new EngineSettings();
        Time = time ?? TimeProvider.System;
        Connector = connector ?? new TcpPeerConnector(Settings.ListenAddress.Equals(IPAddress.IPv6Any) || Settings.ListenAddress.Equals(IPAddress.Any)
            ? null : Settings.ListenAddress);
        if (trackers is null)
        {
            ownedHttp = new HttpClient();
            ownedHttp.DefaultRequestHeaders.UserAgent.ParseAdd("Swarmgrid/0.1");
        }
        Trackers = trackers ?? new TrackerClient(ownedHttp!);
        var peerId = Settings.PeerId ?? [.. "-SG0100-"u8, .. RandomNumberGenerator.GetBytes(12)];
        PeerId = TrackerHash.FromBytes(peerId);
        Key = (uint)Random.Shared.Next();
        DownloadLimit = new RateLimiter(Time, Settings.MaxDownloadRate);
        UploadLimit = new RateLimiter(Time, Settings.MaxUploadRate);
        ListenPort = Settings.ListenPort;
        maxActiveDownloads = Settings.MaxActiveDownloads;
        maxActiveSeeds = Settings.MaxActiveSeeds;
    }

    /// <summary>The settings in force; <see cref="SetMaxConnectionsPerTorrent"/> changes them while running.</summary>
    public EngineSettings Settings { get; private set; }

    /// <summary>Local service discovery when <see cref="EngineSettings.LocalDiscovery"/> is set and peers are accepted; running once listening.</summary>
    public LocalDiscovery? LocalDiscovery { get; private set; }

    /// <summary>The DHT node when <see cref="EngineSettings.Dht"/> is set; running once <see cref="StartListening"/> was called.</summary>
    public DhtEngine? Dht { get; private set; }

    public TimeProvider Time { get; }

    public IPeerConnector Connector { get; }

    /// <summary>The HTTP client torrents fetch web seed ranges with (made on first use).</summary>
    internal WebSeedClient WebSeedClient => webSeedClient.Value;

    public ITrackerClient Trackers { get; }

    public TrackerHash PeerId { get; }

    /// <summary>The <c>key</c> sent to trackers.</summary>
    public uint Key { get; }

    /// <summary>The port peers can reach us on, once <see cref="StartListening"/> has bound it.</summary>
    public int ListenPort { get; private set; }

    /// <summary>Global download limit; set <see cref="RateLimiter.BytesPerSecond"/> to change it.</summary>
    public RateLimiter DownloadLimit { get; }

    /// <summary>Global upload limit.</summary>
    public RateLimiter UploadLimit { get; }

    /// <summary>
    /// Changes <see cref="EngineSettings.MaxConnectionsPerTorrent"/> while running: new connections follow it at once;
    /// connections already open above a lowered cap stay until they close.
    /// </summary>
    public void SetMaxConnectionsPerTorrent(int connections)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(connections, 1);
        lock (settingsGate)
        {
            Settings = Settings with { MaxConnectionsPerTorrent = connections };
        }
    }

    /// <summary>
    /// Replaces <see cref="EngineSettings.Blocklist"/> while running (null drops it): peers it names are refused from
    /// now on, incoming and outgoing, and those already connected are closed.
    /// </summary>
    public void SetBlocklist(IpFilter? blocklist)
    {
        lock (settingsGate)
        {
            Settings = Settings with { Blocklist = blocklist };
        }
        if (blocklist is null)
        {
            return;
        }
        foreach (var manager in torrents.Values)
        {
            lock (manager.Gate)
            {
                manager.Connections.DropBlocked();
            }
        }
    }

    public IReadOnlyCollection<TorrentManager> Torrents => (IReadOnlyCollection<TorrentManager>)torrents.Values;

    /// <summary>
    /// Binds the listening socket (when <see cref="EngineSettings.AcceptIncoming"/>) and starts accepting peers, and
    /// starts the DHT node when one is configured.
    /// </summary>
    public void StartListening()
    {
        StartDht();
        if (listener is not null || !Settings.AcceptIncoming)
        {
            return;
        }
        listener = new TcpListener(Settings.ListenAddress, Settings.ListenPort);
        if (Settings.ListenAddress.Equals(IPAddress.IPv6Any))
        {
            listener.Server.DualMode = true;
        }
        listener.Start(128);
        ListenPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        acceptLoop = Task.Run(AcceptLoopAsync);
        StartDht();
        if (Settings.LocalDiscovery is { } lsd)
        {
            LocalDiscovery = new LocalDiscovery(lsd, Time);
            LocalDiscovery.PeerFound += OnLocalPeer;
            lsdLoop = Task.Run(AnnounceLocallyAsync);
        }
    }

    private void OnLocalPeer(TrackerHash infoHash, IPEndPoint peer)
    {
        if (torrents.TryGetValue(infoHash, out var manager) && !IsSelf(peer))
        {
            manager.AddLocalPeer(peer);
        }
    }

    /// <summary>Announces each running torrent that is not private when it starts, then every <see cref="LocalDiscoverySettings.Interval"/> (at least a minute).</summary>
    private async Task AnnounceLocallyAsync()
    {
        var interval = TimeSpan.FromTicks(Math.Max(Settings.LocalDiscovery!.Interval.Ticks, TimeSpan.FromMinutes(1).Ticks));
        var announced = new Dictionary<TrackerHash, long>();
        try
        {
            while (!closing.IsCancellationRequested)
            {
                var due = torrents.Values
                    .Where(t => t.IsAnnounceable && (!announced.TryGetValue(t.WireHash, out var at) || Time.GetElapsedTime(at) >= interval))
                    .Select(t => t.WireHash)
                    .ToList();
                if (due.Count > 0)
                {
                    await LocalDiscovery!.AnnounceAsync(due, ListenPort, closing.Token);
                    foreach (var hash in due)
                    {
                        announced[hash] = Time.GetTimestamp();
                    }
                }
                foreach (var gone in announced.Keys.Where(h => !torrents.TryGetValue(h, out var t) || !t.IsAnnounceable).ToList())
                {
                    announced.Remove(gone);
                }
                await Task.Delay(TimeSpan.FromSeconds(1), Time, closing.Token);
            }
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested)
        {
        }
    }

    /// <summary>Starts the DHT node on the TCP port's number when that UDP port is free (once the TCP port is known).</summary>
    private void StartDht()
    {
        if (Settings.Dht is not { } dht || Dht is not null || (Settings.AcceptIncoming && listener is null))
        {
            return;
        }
        var address = Settings.ListenAddress.Equals(IPAddress.IPv6Any) ? IPAddress.Any : Settings.ListenAddress;
        var settings = dht with { BindAddress = dht.BindAddress.Equals(IPAddress.Any) ? address : dht.BindAddress };
        if (settings.Port == 0 && ListenPort > 0)
        {
            try
            {
                Dht = new DhtEngine(settings with { Port = ListenPort }, Time);
                Dht.Start();
                return;
            }
            catch (SocketException)
            {
                // The UDP port with the TCP port's number is taken: any free one will do.
            }
        }
        Dht = new DhtEngine(settings, Time);
        Dht.Start();
    }

    /// <summary>Adds a torrent whose data lives (or will live) under <paramref name="directory"/>.</summary>
    public TorrentManager Add(Torrent torrent, string directory) => Register(new TorrentManager(this, torrent, null, directory));

    /// <summary>Adds a magnet link; the torrent's metadata is fetched from peers (BEP 9).</summary>
    public TorrentManager Add(MagnetLink magnet, string directory) => Register(new TorrentManager(this, null, magnet, directory));

    /// <summary>Stops and forgets a torrent, then deletes its files, part file and resume data when <paramref name="deleteData"/>.</summary>
    public async Task RemoveAsync(TorrentManager manager, bool deleteData)
    {
        await RemoveAsync(manager);
        // A torrent that never ran (added paused, or a magnet still without metadata) never made its folder.
        if (!deleteData || !System.IO.Directory.Exists(manager.Directory))
        {
            return;
        }
        File.Delete(manager.ResumePath);
        if (manager.Torrent is { } torrent)
        {
            using var storage = new Storage.TorrentStorage(torrent, manager.Directory);
            for (var i = 0; i < torrent.Files.Count; i++)
            {
                File.Delete(storage.PathOf(i));
            }
            File.Delete(storage.Parts.Path);
        }
    }

    /// <summary>Stops and forgets a torrent (sending <c>stopped</c> to its trackers).</summary>
    public async Task RemoveAsync(TorrentManager manager)
    {
        await manager.StopAsync();
        torrents.TryRemove(manager.WireHash, out _);
        lock (queueGate)
        {
            queue.Remove(manager);
        }
        await RescheduleAsync();
    }

    internal bool IsBlocked(IPAddress address) =>
        Settings.Blocklist?.IsBlocked(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address) ?? false;

    internal bool IsSelf(IPEndPoint endpoint) =>
        endpoint.Port == ListenPort && (IPAddress.IsLoopback(endpoint.Address) || endpoint.Address.Equals(Settings.ListenAddress));

    private TorrentManager Register(TorrentManager manager)
    {
        if (!torrents.TryAdd(manager.WireHash, manager))
        {
            throw new InvalidOperationException($"The torrent {manager.InfoHashes.Primary} was already added.");
        }
        lock (queueGate)
        {
            queue.Add(manager);
        }
        return manager;
    }

    private async Task AcceptLoopAsync()
    {
        while (!closing.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener!.AcceptSocketAsync(closing.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (closing.IsCancellationRequested)
                {
                    return;
                }
                continue;
            }
            _ = Task.Run(() => HandshakeIncomingAsync(socket));
        }
    }

    private async Task HandshakeIncomingAsync(Socket socket)
    {
        var endpoint = (IPEndPoint)socket.RemoteEndPoint!;
        if (IsBlocked(endpoint.Address))
        {
            socket.Dispose();
            return;
        }
        TcpPeerConnector.Configure(socket);
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(closing.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            stream = await OpenIncomingAsync(stream, timeout.Token);
            var reader = new PeerMessageReader(stream);
            var remote = await reader.ReadHandshakeAsync(timeout.Token);
            if (!torrents.TryGetValue(remote.InfoHash, out var manager) || remote.PeerId == PeerId)
            {
                stream.Dispose();
                return;
            }
            var own = new byte[Handshake.Size];
            manager.OwnHandshake.Encode(own);
            await stream.WriteAsync(own, timeout.Token);
            await manager.Connections.AcceptAsync(stream, reader, remote,
                new IPEndPoint(endpoint.Address.IsIPv4MappedToIPv6 ? endpoint.Address.MapToIPv4() : endpoint.Address, endpoint.Port));
        }
        catch (Exception ex) when (ex is IOException or PeerProtocolException or OperationCanceledException or ObjectDisposedException)
        {
            stream.Dispose();
        }
    }

    /// <summary>
    /// Tells a plaintext BitTorrent handshake from an encrypted one by its first 20 bytes, and answers the encrypted
    /// one (MSE), as <see cref="EngineSettings.Encryption"/> allows; the stream returned starts with the peer's handshake.
    /// </summary>
    private async Task<Stream> OpenIncomingAsync(Stream stream, CancellationToken cancellationToken)
    {
        var first = new byte[20];
        await stream.ReadExactlyAsync(first, cancellationToken);
        if (first.AsSpan().SequenceEqual("\u0013BitTorrent protocol"u8))
        {
            return Settings.Encryption == EncryptionPolicy.Require
                ? throw new PeerProtocolException("a plaintext handshake, and encryption is required")
                : MseHandshake.Plaintext(stream, first);
        }
        var (encrypted, _) = await MseHandshake.RespondAsync(stream, first, () => torrents.Keys, Settings.Encryption, cancellationToken);
        return encrypted;
    }

    /// <summary>Stops every torrent (announcing <c>stopped</c>) and closes the listener.</summary>
    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        listener?.Stop();
        // Waiting for the scheduler first means no reschedule in flight can start a torrent after this.
        await scheduling.WaitAsync();
        try
        {
            await Task.WhenAll(torrents.Values.Select(t => t.DeactivateAsync(TorrentState.Stopped)));
        }
        finally
        {
            scheduling.Release();
        }
        if (acceptLoop is not null)
        {
            await acceptLoop;
        }
        if (Dht is not null)
        {
            await Dht.DisposeAsync();
        }
        if (lsdLoop is not null)
        {
            await lsdLoop;
        }
        if (LocalDiscovery is not null)
        {
            await LocalDiscovery.DisposeAsync();
        }
        ownedHttp?.Dispose();
        if (webSeedClient.IsValueCreated)
        {
            webSeedClient.Value.Dispose();
        }
        closing.Dispose();
    }
}
