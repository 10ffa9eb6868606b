namespace Swarmgrid.Grains.Settings;

/// <summary>The settings users may override, with their defaults and limits.</summary>
public static class SettingCatalog
{
    public static IReadOnlyList<SettingDefinition> All { get; } =
    [
        new IntegerSetting("crawl_interval_seconds", 3600, 60, 7 * 24 * 3600),
        new IntegerSetting("max_concurrent_downloads", 5, 1, 1000),
        new IntegerSetting("max_active_seeds", 10, 0, 10_000),
        new IntegerSetting("global_download_limit_kib", 0, 0, 10_000_000),
        new IntegerSetting("global_upload_limit_kib", 0, 0, 10_000_000),
        new IntegerSetting("rss_refresh_interval_minutes", 30, 5, 24 * 60),
        new IntegerSetting("evidence_retention_days", 90, 1, 3650),
        new BooleanSetting("dht_enabled", true),
        new BooleanSetting("notifications_enabled", true),
        new StringSetting("default_category", "", 64),
        new StringSetting("log_level", "info", 16, ["debug", "info", "warning", "error"]),
    ];

    private static readonly Dictionary<string, SettingDefinition> ByKey = All.ToDictionary(s => s.Key, StringComparer.Ordinal);

    public static SettingDefinition? Find(string key) => ByKey.GetValueOrDefault(key);
}
