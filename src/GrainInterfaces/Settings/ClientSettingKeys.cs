namespace Swarmgrid.GrainInterfaces.Settings;

/// <summary>
/// The keys of the global settings that the client face (Mosaic) edits and every silo's engine follows. Rates are
/// KiB/s (the seed's <c>kbps</c>: 1 unit = 1024 bytes per second), 0 meaning no limit.
/// </summary>
public static class ClientSettingKeys
{
    /// <summary>Where a torrent added without a folder saves; empty means each silo's <c>Engine:DownloadDir</c>.</summary>
    public const string DefaultSavePath = "default_save_path";

    public const string DownloadLimit = "global_download_limit_kib";
    public const string UploadLimit = "global_upload_limit_kib";
    public const string AltDownloadLimit = "alt_download_limit_kib";
    public const string AltUploadLimit = "alt_upload_limit_kib";

    /// <summary>The alternative speed limits replace the global ones while this is true.</summary>
    public const string AltSpeedActive = "alt_speed_active";

    /// <summary>Downloads running at once, 0 for no limit.</summary>
    public const string MaxActiveDownloads = "max_concurrent_downloads";

    /// <summary>Seeds running at once, 0 for no limit.</summary>
    public const string MaxActiveSeeds = "max_active_seeds";

    /// <summary>The engine's peer port at its next start; 0 keeps <c>Engine:ListenPort</c>.</summary>
    public const string ListenPort = "listen_port";

    /// <summary>Open connections per torrent, live; 0 for the engine's default.</summary>
    public const string MaxPeersPerTorrent = "max_peers_per_torrent";

    public const string DhtEnabled = "dht_enabled";
    public const string EncryptionEnabled = "encryption_enabled";
    public const string UpdaterEnabled = "updater_enabled";

    /// <summary>Where the IP blocklist is fetched from (http or https, checked against the outbound rules); empty for none.</summary>
    public const string BlocklistUrl = "blocklist_url";

    /// <summary>Whether the blocklist is fetched and every silo's engine refuses the peers it names.</summary>
    public const string BlocklistEnabled = "blocklist_enabled";

    /// <summary><c>stable</c> or <c>beta</c>: the release feed channel the updater reads.</summary>
    public const string UpdaterChannel = "updater_channel";

    /// <summary>The global share ratio limit (a number; -1 for none) that complete torrents without their own stop at.</summary>
    public const string ShareRatioLimit = "share_ratio_limit";

    /// <summary>The global limit on minutes spent seeding, -1 for none.</summary>
    public const string ShareSeedingMinutes = "share_seeding_time_limit_minutes";

    /// <summary>The global limit on minutes seeding without moving data, -1 for none.</summary>
    public const string ShareInactiveSeedingMinutes = "share_inactive_seeding_time_limit_minutes";

    /// <summary>What a reached share limit does: 0 pause, 1 remove, 2 super-seed (pauses here), 3 remove with the data.</summary>
    public const string ShareLimitAction = "share_limit_action";

    /// <summary>Whether the queue's order may be changed by the qBittorrent face's priority routes (its <c>queueing_enabled</c>).</summary>
    public const string QueueingEnabled = "queueing_enabled";

    /// <summary>The largest rate a limit may name, in KiB/s (about 9.5 GiB/s).</summary>
    public const long MaxRateKib = 10_000_000;

    /// <summary>The most downloads <see cref="MaxActiveDownloads"/> may name.</summary>
    public const int MaxDownloadsLimit = 1000;

    /// <summary>The most seeds <see cref="MaxActiveSeeds"/> may name.</summary>
    public const int MaxSeedsLimit = 10_000;

    /// <summary>The most connections per torrent <see cref="MaxPeersPerTorrent"/> may name.</summary>
    public const int MaxPeers = 10_000;

    /// <summary>
    /// The keys the engine follows: limits (with the schedule), peers per torrent and the default save path, and the
    /// listen port, DHT and encryption it starts with.
    /// </summary>
    public static readonly IReadOnlySet<string> Engine = new HashSet<string>(StringComparer.Ordinal)
    {
        DefaultSavePath, DownloadLimit, UploadLimit, AltDownloadLimit, AltUploadLimit, AltSpeedActive, ListenPort, MaxPeersPerTorrent,
        DhtEnabled, EncryptionEnabled,
    };
}
