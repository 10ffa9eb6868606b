using System.Collections.Concurrent;
using Swarmgrid.BitTorrent.Client;
using Swarmgrid.BitTorrent.Magnet;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.Storage;
using Swarmgrid.GrainInterfaces.Torrents;
using Swarmgrid.Grains.Torrents;

namespace Swarmgrid.Silo.Engine;

/// <summary>
/// This silo's <see cref="ClientEngine"/> behind the grains' <see cref="ITorrentEngine"/>: torrents by grain key. The
/// engine listens from the first torrent on and has no queue limits of its own: the cluster's queue
/// (<see cref="ITorrentQueueGrain"/>) decides which torrents run, and a torrent it holds back is stopped here and shown
/// as Queued. Rate limits, peer limits, default save path and listen port follow the client settings and schedule
/// (<see cref="ClientSettingsFollower"/>). Disposing the engine stops every torrent, saving resume data.
/// </summary>
public sealed class SiloTorrentEngine : ITorrentEngine, IAsyncDisposable
{
    private static readonly TimeSpan SettingsWait = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, TorrentManager> managers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> queued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<int>> priorities = new(StringComparer.Ordinal);
    private readonly Lazy<ClientEngine> engine;
    private readonly EngineOptions options;
    private readonly ClientSettingsFollower clientSettings;
    private readonly TimeProvider time;

    public SiloTorrentEngine(EngineOptions options, TimeProvider time, ClientSettingsFollower clientSettings,
        BlocklistFollower blocklist, ILogger<SiloTorrentEngine> logger)
    {
        this.options = options;
        this.clientSettings = clientSettings;
        this.time = time;
        engine = new Lazy<ClientEngine>(() =>
        {
            var created = Listen(clientSettings.Settings?.ListenPort is > 0 and var port ? port : options.ListenPort, clientSettings.Settings, options, time, logger);
            clientSettings.Attach(created);
            blocklist.Attach(created);
            return created;
        });
    }

    /// <summary>The <c>default_save_path</c> setting when set, else <c>Engine:DownloadDir</c>.</summary>
    public string DefaultSavePath => clientSettings.Settings?.DefaultSavePath is { Length: > 0 } chosen ? chosen : options.DownloadDirectory;

    /// <summary>The engine itself, started on first use.</summary>
    public ClientEngine Engine => engine.Value;

    public IReadOnlyCollection<string> Loaded => managers.Keys.ToList();

    /// <summary>The port peers reach this silo's engine on (binding it if need be).</summary>
    public int ListenPort => engine.Value.ListenPort;

    public EngineTorrentIdentity Identify(byte[]? metainfo, string? magnetUri)
    {
        try
        {
            if (metainfo is not null)
            {
                var torrent = Torrent.Load(metainfo);
                return new EngineTorrentIdentity(KeyOf(torrent.InfoHashes), torrent.Name, MagnetLink.FromTorrent(torrent).ToString(), torrent.Files.Count);
            }
            var magnet = MagnetLink.Parse(magnetUri ?? "");
            return new EngineTorrentIdentity(KeyOf(magnet.InfoHashes), magnet.Name ?? KeyOf(magnet.InfoHashes), magnetUri!, null);
        }
        catch (Exception ex) when (ex is TorrentFormatException or MagnetFormatException)
        {
            throw new ArgumentException($"Not a usable torrent: {ex.Message}", ex);
        }
    }

    public async Task ApplyAsync(string key, EngineTorrentSpec spec)
    {
        if (!engine.IsValueCreated)
        {
            // The engine starts with the listen_port setting: give the first read of the settings a moment at silo start.
            await Task.WhenAny(clientSettings.Ready, Task.Delay(SettingsWait, time));
        }
        var manager = managers.GetOrAdd(key, _ => Load(spec));
        priorities[key] = spec.FilePriorities;
        if (manager.Torrent is { } torrent)
        {
            for (var i = 0; i < torrent.Files.Count; i++)
            {
                manager.SetFilePriority(i, ToPriority(PriorityOf(spec.FilePriorities, i)));
            }
        }
        queued[key] = !spec.Paused && !spec.Granted;
        if (spec.Paused || !spec.Granted)
        {
            await manager.StopAsync();
            return;
        }
        await manager.StartAsync();
    }

    public async Task UnloadAsync(string key)
    {
        if (managers.TryRemove(key, out var manager))
        {
            Forget(key);
            await engine.Value.RemoveAsync(manager);
        }
    }

    public async Task RemoveAsync(string key, bool deleteData)
    {
        if (managers.TryRemove(key, out var manager))
        {
            Forget(key);
            await engine.Value.RemoveAsync(manager, deleteData);
        }
    }

    public Task RecheckAsync(string key) => managers.TryGetValue(key, out var manager) ? manager.RecheckAsync() : Task.CompletedTask;

    public byte[]? GetMetainfo(string key) => managers.TryGetValue(key, out var manager) ? manager.ExportMetainfo() : null;

    public EngineTorrentFigures? GetFigures(string key)
    {
        if (!managers.TryGetValue(key, out var manager))
        {
            return null;
        }
        var stats = manager.GetStats();
        var isChecked = stats.WantedBytes > 0;
        var total = isChecked ? stats.WantedBytes : WantedFileBytes(manager.Torrent, priorities.GetValueOrDefault(key) ?? []);
        var held = queued.GetValueOrDefault(key) && stats.State == TorrentState.Stopped;
        // The meters average over a window: a stopped torrent moves nothing, whatever the window still holds.
        var moving = stats.State is not (TorrentState.Stopped or TorrentState.Queued or TorrentState.Error);
        return new EngineTorrentFigures(
            manager.Torrent?.Name ?? key,
            held ? nameof(TorrentState.Queued) : stats.State.ToString(),
            total,
            isChecked ? stats.VerifiedWantedBytes : 0,
            isChecked ? stats.Progress : 0,
            moving ? stats.DownloadRate : 0,
            moving ? stats.UploadRate : 0,
            stats.Downloaded,
            stats.Uploaded,
            stats.Peers,
            stats.Seeds,
            isChecked,
            isChecked && stats.VerifiedWantedBytes == stats.WantedBytes,
            held,
            stats.State == TorrentState.Hashing,
            stats.MissingFiles.Count > 0,
            stats.VerifiedPieces,
            stats.PieceCount,
            stats.Error);
    }

    public TorrentDetail? GetDetail(string key, DetailParts parts, IReadOnlyList<int> filePriorities)
    {
        if (!managers.TryGetValue(key, out var manager))
        {
            return null;
        }
        return new TorrentDetail(
            key,
            parts.HasFlag(DetailParts.Files) ? Files(manager, filePriorities) : null,
            parts.HasFlag(DetailParts.Peers) ? manager.GetPeers().Select(Peer).ToList() : null,
            parts.HasFlag(DetailParts.Trackers) ? manager.GetTrackers().Select(Tracker).ToList() : null);
    }

    public async ValueTask DisposeAsync()
    {
        if (engine.IsValueCreated)
        {
            await engine.Value.DisposeAsync();
        }
    }

    /// <summary>
    /// What the engine starts with: the port, the bind address, no queue limits of its own, and the <c>dht_enabled</c>
    /// and <c>encryption_enabled</c> settings (read before the start; both wait for the next start when changed): DHT on
    /// (bound beside the peer port, bootstrapped from <c>Engine:Dht:Bootstrap</c>) or off; encryption
    /// <see cref="Swarmgrid.BitTorrent.Encryption.EncryptionPolicy.Prefer"/> (encrypted when the peer can, plaintext
    /// otherwise) or <see cref="Swarmgrid.BitTorrent.Encryption.EncryptionPolicy.Off"/>. Settings not read yet count as
    /// their defaults (DHT on, encryption off).
    /// </summary>
    public static EngineSettings SettingsFor(int port, EngineSettingValues? values, EngineOptions options) => new()
    {
        ListenPort = port,
        ListenAddress = options.BindAddress,
        MaxActiveDownloads = -1,
        MaxActiveSeeds = -1,
        Dht = values?.DhtEnabled ?? true ? new Swarmgrid.BitTorrent.Dht.DhtSettings { BootstrapNodes = options.DhtBootstrap } : null,
        Encryption = values?.EncryptionEnabled ?? false
            ? Swarmgrid.BitTorrent.Encryption.EncryptionPolicy.Prefer : Swarmgrid.BitTorrent.Encryption.EncryptionPolicy.Off,
    };

    /// <summary>An engine listening on <paramref name="port"/>, or on <c>Engine:ListenPort</c> when that port cannot be had.</summary>
    private static ClientEngine Listen(int port, EngineSettingValues? values, EngineOptions options, TimeProvider time, ILogger logger)
    {
        var created = new ClientEngine(SettingsFor(port, values, options), time);
        try
        {
            created.StartListening();
            return created;
        }
        catch (System.Net.Sockets.SocketException ex) when (port != options.ListenPort)
        {
            logger.LogWarning(ex, "The listen_port setting {Port} cannot be bound; the engine listens on Engine:ListenPort {Configured}", port, options.ListenPort);
            created.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return Listen(options.ListenPort, values, options, time, logger);
        }
    }

    private TorrentManager Load(EngineTorrentSpec spec)
    {
        Directory.CreateDirectory(spec.SavePath);
        return spec.Metainfo is not null
            ? engine.Value.Add(Torrent.Load(spec.Metainfo), spec.SavePath)
            : engine.Value.Add(MagnetLink.Parse(spec.MagnetUri!), spec.SavePath);
    }

    private void Forget(string key)
    {
        queued.TryRemove(key, out _);
        priorities.TryRemove(key, out _);
    }

    private static string KeyOf(InfoHashes hashes) => (hashes.V1 ?? hashes.V2!.Value).ToHex();

    private static int PriorityOf(IReadOnlyList<int> priorities, int file) => file < priorities.Count ? priorities[file] : 1;

    /// <summary>qBittorrent's scale: 0 skip, 1 to 5 normal, 6 high, 7 maximum.</summary>
    private static FilePriority ToPriority(int value) => value switch
    {
        <= 0 => FilePriority.Skip,
        7 => FilePriority.Max,
        6 => FilePriority.High,
        _ => FilePriority.Normal,
    };

    private static long WantedFileBytes(Torrent? torrent, IReadOnlyList<int> priorities) =>
        torrent is null ? 0 : torrent.Files.Select((f, i) => f.IsPad || PriorityOf(priorities, i) <= 0 ? 0 : f.Length).Sum();

    private static List<TorrentFileDetail> Files(TorrentManager manager, IReadOnlyList<int> priorities)
    {
        if (manager.Torrent is not { } torrent)
        {
            return [];
        }
        var done = manager.GetFileProgress();
        var files = new List<TorrentFileDetail>(torrent.Files.Count);
        for (var i = 0; i < torrent.Files.Count; i++)
        {
            var file = torrent.Files[i];
            if (!file.IsPad)
            {
                files.Add(new TorrentFileDetail(i, file.Path, file.Length, i < done.Count ? done[i] : 0, PriorityOf(priorities, i)));
            }
        }
        return files;
    }

    private static TorrentPeerDetail Peer(PeerInfo peer)
    {
        var address = peer.Endpoint.Address.IsIPv4MappedToIPv6 ? peer.Endpoint.Address.MapToIPv4() : peer.Endpoint.Address;
        return new TorrentPeerDetail(address.ToString(), peer.Endpoint.Port, peer.Client ?? "", PeerFlags(peer), peer.Progress, peer.DownloadRate,
            peer.UploadRate);
    }

    /// <summary>qBittorrent's peer flags.</summary>
    public static string PeerFlags(PeerInfo peer)
    {
        var flags = new System.Text.StringBuilder(8);
        if (peer.AmInterested)
        {
            flags.Append(peer.PeerChoking ? 'd' : 'D');
        }
        if (peer.PeerInterested)
        {
            flags.Append(peer.AmChoking ? 'u' : 'U');
        }
        if (!peer.PeerChoking && !peer.AmInterested)
        {
            flags.Append('K');
        }
        if (!peer.AmChoking && !peer.PeerInterested)
        {
            flags.Append('?');
        }
        if (peer.IsSnubbed)
        {
            flags.Append('S');
        }
        if (peer.IsIncoming)
        {
            flags.Append('I');
        }
        flags.Append(peer.Source switch
        {
            PeerSource.PeerExchange => "X",
            PeerSource.Dht => "H",
            PeerSource.LocalDiscovery => "L",
            _ => "",
        });
        if (peer.IsEncrypted)
        {
            flags.Append('E');
        }
        return flags.ToString();
    }

    private static TorrentTrackerDetail Tracker(TrackerInfo tracker) => new(
        tracker.Url.ToString(),
        tracker.Tier,
        tracker.Status,
        tracker.Message,
        tracker.Seeders ?? 0,
        tracker.Leechers ?? 0,
        tracker.Completed ?? 0,
        tracker.LastAnnounce?.ToUnixTimeSeconds() ?? 0,
        tracker.NextAnnounce?.ToUnixTimeSeconds() ?? 0);
}
