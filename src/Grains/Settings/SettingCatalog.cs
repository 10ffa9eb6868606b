using Swarmgrid.GrainInterfaces.Settings;

namespace Swarmgrid.Grains.Settings;

/// <summary>The settings users may override, with their defaults and limits.</summary>
public static class SettingCatalog
{
    public static IReadOnlyList<SettingDefinition> All { get; } =
    [
        new IntegerSetting("crawl_interval_seconds", 3600, 60, 7 * 24 * 3600),
        new IntegerSetting(ClientSettingKeys.MaxActiveDownloads, 5, 0, ClientSettingKeys.MaxDownloadsLimit),
        new IntegerSetting(ClientSettingKeys.MaxActiveSeeds, 10, 0, ClientSettingKeys.MaxSeedsLimit),
        new IntegerSetting(ClientSettingKeys.DownloadLimit, 0, 0, ClientSettingKeys.MaxRateKib),
        new IntegerSetting(ClientSettingKeys.UploadLimit, 0, 0, ClientSettingKeys.MaxRateKib),
        new IntegerSetting(ClientSettingKeys.AltDownloadLimit, 0, 0, ClientSettingKeys.MaxRateKib),
        new IntegerSetting(ClientSettingKeys.AltUploadLimit, 0, 0, ClientSettingKeys.MaxRateKib),
        new BooleanSetting(ClientSettingKeys.AltSpeedActive, false),
        new PathSetting(ClientSettingKeys.DefaultSavePath),
        new IntegerSetting(ClientSettingKeys.ListenPort, 0, 0, 65535),
        new IntegerSetting(ClientSettingKeys.MaxPeersPerTorrent, 0, 0, ClientSettingKeys.MaxPeers),
        new NumberSetting(ClientSettingKeys.ShareRatioLimit, -1, -1, 9998),
        new IntegerSetting(ClientSettingKeys.ShareSeedingMinutes, -1, -1, 525_600),
        new IntegerSetting(ClientSettingKeys.ShareInactiveSeedingMinutes, -1, -1, 525_600),
        new IntegerSetting(ClientSettingKeys.ShareLimitAction, 0, 0, 3),
        new BooleanSetting(ClientSettingKeys.QueueingEnabled, true),
        new IntegerSetting("rss_refresh_interval_minutes", 30, 5, 24 * 60),
        new IntegerSetting("evidence_retention_days", 90, 1, 3650),
        new BooleanSetting(ClientSettingKeys.DhtEnabled, true),
        new BooleanSetting(ClientSettingKeys.EncryptionEnabled, true),
        new BooleanSetting(ClientSettingKeys.UpdaterEnabled, false),
        new StringSetting(ClientSettingKeys.BlocklistUrl, "", 2048),
        new BooleanSetting(ClientSettingKeys.BlocklistEnabled, false),
        new StringSetting(ClientSettingKeys.UpdaterChannel, "stable", 16, ["stable", "beta"]),
        new BooleanSetting("notifications_enabled", true),
        new StringSetting("default_category", "", 64),
        new StringSetting("log_level", "info", 16, ["debug", "info", "warning", "error"]),
    ];

    private static readonly Dictionary<string, SettingDefinition> ByKey = All.ToDictionary(s => s.Key, StringComparer.Ordinal);

    public static SettingDefinition? Find(string key) => ByKey.GetValueOrDefault(key);
}
