using System.Globalization;
using System.Text.Json;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Settings;

namespace Swarmgrid.Silo.Engine;

/// <summary>The client settings a silo's engine follows, as the settings grain holds them (rates in KiB/s, 0 = none).</summary>
public sealed record EngineSettingValues(
    long DownKib,
    long UpKib,
    long AltDownKib,
    long AltUpKib,
    bool AltActive,
    int MaxPeersPerTorrent,
    int ListenPort,
    string DefaultSavePath,
    bool DhtEnabled = true,
    bool EncryptionEnabled = true)
{
    public static EngineSettingValues From(IReadOnlyList<SettingView> settings)
    {
        var values = settings.ToDictionary(s => s.Key, s => s.ValueJson, StringComparer.Ordinal);
        long Number(string key) =>
            values.TryGetValue(key, out var json) && long.TryParse(json, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return new EngineSettingValues(
            Number(ClientSettingKeys.DownloadLimit),
            Number(ClientSettingKeys.UploadLimit),
            Number(ClientSettingKeys.AltDownloadLimit),
            Number(ClientSettingKeys.AltUploadLimit),
            values.GetValueOrDefault(ClientSettingKeys.AltSpeedActive) == "true",
            (int)Number(ClientSettingKeys.MaxPeersPerTorrent),
            (int)Number(ClientSettingKeys.ListenPort),
            values.TryGetValue(ClientSettingKeys.DefaultSavePath, out var path) ? JsonSerializer.Deserialize<string>(path) ?? "" : "",
            values.GetValueOrDefault(ClientSettingKeys.DhtEnabled) != "false",
            values.GetValueOrDefault(ClientSettingKeys.EncryptionEnabled) != "false");
    }
}

/// <summary>The rates the engine runs at (bytes per second, 0 = no limit) and why: <c>global</c>, <c>alt</c>, <c>schedule N</c>.</summary>
public sealed record EffectiveLimits(long DownloadBytesPerSecond, long UploadBytesPerSecond, string Source);

/// <summary>
/// Which limits apply at a moment: the alternative ones while alt speed is on; else those of the first enabled schedule
/// rule (by id) whose window holds the moment (its alternative ones for an <c>alt_only</c> rule); else the global ones.
/// Windows are local wall-clock time in the silo's time zone.
/// </summary>
public static class BandwidthSchedule
{
    public const long BytesPerKib = 1024;

    public static EffectiveLimits Effective(EngineSettingValues settings, IReadOnlyList<ScheduleRule> rules, DateTime local)
    {
        var alt = new EffectiveLimits(settings.AltDownKib * BytesPerKib, settings.AltUpKib * BytesPerKib, "alt");
        if (settings.AltActive)
        {
            return alt;
        }
        if (Matching(rules, local) is { } rule)
        {
            return rule.AltOnly
                ? alt with { Source = $"schedule {rule.Id} (alt)" }
                : new EffectiveLimits(rule.DownKib * BytesPerKib, rule.UpKib * BytesPerKib, $"schedule {rule.Id}");
        }
        return new EffectiveLimits(settings.DownKib * BytesPerKib, settings.UpKib * BytesPerKib, "global");
    }

    public static ScheduleRule? Matching(IReadOnlyList<ScheduleRule> rules, DateTime local) =>
        rules.Where(r => r.Enabled && Covers(r, local)).OrderBy(r => r.Id).FirstOrDefault();

    /// <summary>
    /// Whether <paramref name="local"/> falls in <paramref name="rule"/>'s window: start included, end excluded; a window
    /// whose end is not after its start runs into the next day, and its day is the one it starts on.
    /// </summary>
    public static bool Covers(ScheduleRule rule, DateTime local)
    {
        var minute = local.Hour * 60 + local.Minute;
        var today = (int)local.DayOfWeek;
        var yesterday = (today + 6) % 7;
        bool On(int day) => (rule.DaysMask & (1 << day)) != 0;
        return rule.StartMinute < rule.EndMinute
            ? On(today) && minute >= rule.StartMinute && minute < rule.EndMinute
            : (On(today) && minute >= rule.StartMinute) || (On(yesterday) && minute < rule.EndMinute);
    }

    /// <summary>The first moment after <paramref name="now"/> at which some enabled rule starts or ends; null with none.</summary>
    public static DateTimeOffset? NextEdge(IReadOnlyList<ScheduleRule> rules, DateTimeOffset now, TimeZoneInfo zone)
    {
        var minutes = rules.Where(r => r.Enabled && r.DaysMask != 0)
            .SelectMany(r => new[] { r.StartMinute, r.EndMinute })
            .Distinct()
            .Order()
            .ToList();
        if (minutes.Count == 0)
        {
            return null;
        }
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        for (var day = 0; day <= 2; day++)
        {
            foreach (var minute in minutes)
            {
                var local = DateTime.SpecifyKind(today.AddDays(day).AddMinutes(minute), DateTimeKind.Unspecified);
                if (zone.IsInvalidTime(local))
                {
                    continue; // skipped by a daylight-saving jump; the next edge re-evaluates
                }
                var edge = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
                if (edge > now)
                {
                    return edge;
                }
            }
        }
        return null;
    }
}
