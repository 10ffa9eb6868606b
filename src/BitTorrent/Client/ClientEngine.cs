using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
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
    private readonly HttpClient? ownedHttp;
    private TcpListener? listener;
    private Task? acceptLoop;

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

    public TimeProvider Time { get; }

    public IPeerConnector Connector { get; }

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
        Settings = Settings with { MaxConnectionsPerTorrent = connections };
    }

    public IReadOnlyCollection<TorrentManager> Torrents => (IReadOnlyCollection<TorrentManager>)torrents.Values;

    /// <summary>Binds the listening socket (when <see cref="EngineSettings.AcceptIncoming"/>) and starts accepting peers.</summary>
    public void StartListening()
    {
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
    }

    /// <summary>Adds a torrent whose data lives (or will live) under <paramref name="directory"/>.</summary>
    public TorrentManager Add(Torrent torrent, string directory) => Register(new TorrentManager(this, torrent, null, directory));

    /// <summary>Adds a magnet link; the torrent's metadata is fetched from peers (BEP 9).</summary>
    public TorrentManager Add(MagnetLink magnet, string directory) => Register(new TorrentManager(this, null, magnet, directory));

    /// <summary>Stops and forgets a torrent, then deletes its files and resume data when <paramref name="deleteData"/>.</summary>
    public async Task RemoveAsync(TorrentManager manager, bool deleteData)
    {
        await RemoveAsync(manager);
        if (!deleteData)
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
        var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(closing.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
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
        ownedHttp?.Dispose();
        closing.Dispose();
    }
}
