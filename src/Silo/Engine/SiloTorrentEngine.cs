using System.Collections.Concurrent;
using Swarmgrid.BitTorrent.Client;
using Swarmgrid.BitTorrent.Magnet;
using Swarmgrid.BitTorrent.Metainfo;
using Swarmgrid.BitTorrent.Storage;
using Swarmgrid.GrainInterfaces.Torrents;
using Swarmgrid.Grains.Torrents;
using Swarmgrid.Realtime;

namespace Swarmgrid.Silo.Engine;

/// <summary>
/// This silo's <see cref="ClientEngine"/> behind the grains' <see cref="ITorrentEngine"/>: torrents by grain key. The
/// engine listens from the first torrent on, with queue limits that follow the global settings
/// (<see cref="QueueLimitsFollower"/>) and rate limits, peer limits, default save path and listen port that follow the
/// client settings and schedule (<see cref="ClientSettingsFollower"/>); disposing it stops every torrent, saving resume data.
/// </summary>
public sealed class SiloTorrentEngine : ITorrentEngine, IAsyncDisposable
{
    private static readonly TimeSpan SettingsWait = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, TorrentManager> managers = new(StringComparer.Ordinal);
    private readonly Lazy<ClientEngine> engine;
    private readonly EngineOptions options;
    private readonly ClientSettingsFollower clientSettings;
    private readonly TimeProvider time;
    private QueueLimitsFollower? queueLimits;

    public SiloTorrentEngine(EngineOptions options, TimeProvider time, IGrainFactory grains, IRealtimeFeed feed, ClientSettingsFollower clientSettings,
        ILogger<SiloTorrentEngine> logger)
    {
        this.options = options;
        this.clientSettings = clientSettings;
        this.time = time;
        engine = new Lazy<ClientEngine>(() =>
        {
            var created = Listen(clientSettings.Settings?.ListenPort is > 0 and var port ? port : options.ListenPort, options, time, logger);
            queueLimits = QueueLimitsFollower.Start(grains, feed, created, time, logger);
            clientSettings.Attach(created);
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
                return new EngineTorrentIdentity(KeyOf(torrent.InfoHashes), torrent.Name);
            }
            var magnet = MagnetLink.Parse(magnetUri ?? "");
            return new EngineTorrentIdentity(KeyOf(magnet.InfoHashes), magnet.Name ?? KeyOf(magnet.InfoHashes));
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
        if (manager.Torrent is { } torrent)
        {
            for (var i = 0; i < torrent.Files.Count; i++)
            {
                manager.SetFilePriority(i, i < spec.FilePriorities.Count ? ToPriority(spec.FilePriorities[i]) : FilePriority.Normal);
            }
        }
        if (spec.Paused)
        {
            await manager.StopAsync();
            return;
        }
        if (manager.ForceStart != spec.ForceStart)
        {
            await manager.SetForceStartAsync(spec.ForceStart);
        }
        await manager.StartAsync();
    }

    public async Task UnloadAsync(string key)
    {
        if (managers.TryRemove(key, out var manager))
        {
            await engine.Value.RemoveAsync(manager);
        }
    }

    public async Task RemoveAsync(string key, bool deleteData)
    {
        if (managers.TryRemove(key, out var manager))
        {
            await engine.Value.RemoveAsync(manager, deleteData);
        }
    }

    public Task RecheckAsync(string key) => managers.TryGetValue(key, out var manager) ? manager.RecheckAsync() : Task.CompletedTask;

    public async Task<int> MoveAsync(string key, QueueMove move)
    {
        if (!managers.TryGetValue(key, out var manager))
        {
            return 0;
        }
        await (move switch
        {
            QueueMove.Up => engine.Value.MoveUpAsync(manager),
            QueueMove.Down => engine.Value.MoveDownAsync(manager),
            QueueMove.Top => engine.Value.MoveToTopAsync(manager),
            _ => engine.Value.MoveToBottomAsync(manager),
        });
        return manager.QueuePosition;
    }

    public byte[]? GetMetainfo(string key) => managers.TryGetValue(key, out var manager) ? manager.ExportMetainfo() : null;

    public EngineTorrentFigures? GetFigures(string key)
    {
        if (!managers.TryGetValue(key, out var manager))
        {
            return null;
        }
        var stats = manager.GetStats();
        return new EngineTorrentFigures(
            manager.Torrent?.Name ?? key,
            stats.State.ToString(),
            stats.WantedBytes,
            stats.VerifiedWantedBytes,
            stats.Progress,
            stats.DownloadRate,
            stats.UploadRate,
            stats.Downloaded,
            stats.Uploaded,
            stats.Peers,
            stats.Seeds,
            manager.Completion.IsCompletedSuccessfully,
            stats.QueuePosition,
            stats.ForceStart,
            stats.IsQueued,
            stats.State == TorrentState.Hashing,
            stats.MissingFiles.Count > 0,
            stats.VerifiedPieces,
            stats.PieceCount,
            stats.Error);
    }

    public async ValueTask DisposeAsync()
    {
        if (queueLimits is not null)
        {
            await queueLimits.DisposeAsync();
        }
        if (engine.IsValueCreated)
        {
            await engine.Value.DisposeAsync();
        }
    }

    /// <summary>An engine listening on <paramref name="port"/>, or on <c>Engine:ListenPort</c> when that port cannot be had.</summary>
    private static ClientEngine Listen(int port, EngineOptions options, TimeProvider time, ILogger logger)
    {
        var created = new ClientEngine(new EngineSettings { ListenPort = port, ListenAddress = options.BindAddress }, time);
        try
        {
            created.StartListening();
            return created;
        }
        catch (System.Net.Sockets.SocketException ex) when (port != options.ListenPort)
        {
            logger.LogWarning(ex, "The listen_port setting {Port} cannot be bound; the engine listens on Engine:ListenPort {Configured}", port, options.ListenPort);
            created.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return Listen(options.ListenPort, options, time, logger);
        }
    }

    private TorrentManager Load(EngineTorrentSpec spec)
    {
        Directory.CreateDirectory(spec.SavePath);
        var manager = spec.Metainfo is not null
            ? engine.Value.Add(Torrent.Load(spec.Metainfo), spec.SavePath)
            : engine.Value.Add(MagnetLink.Parse(spec.MagnetUri!), spec.SavePath);
        _ = engine.Value.SetQueuePositionAsync(manager, spec.QueuePosition);
        return manager;
    }

    private static string KeyOf(InfoHashes hashes) => (hashes.V1 ?? hashes.V2!.Value).ToHex();

    /// <summary>qBittorrent's scale: 0 skip, 1 to 5 normal, 6 high, 7 maximum.</summary>
    private static FilePriority ToPriority(int value) => value switch
    {
        <= 0 => FilePriority.Skip,
        7 => FilePriority.Max,
        6 => FilePriority.High,
        _ => FilePriority.Normal,
    };
}
