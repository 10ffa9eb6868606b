using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.GrainInterfaces.Settings;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;
using Swarmgrid.WebFront.Faces.Client;

namespace Swarmgrid.WebFront.Faces.Qbittorrent;

/// <summary>
/// <c>app/*</c>: the versions this face claims (qBittorrent 5.0 with WebUI API 2.11, whose stopped torrents are
/// <c>stoppedDL</c>/<c>stoppedUP</c>), build info, and the preferences, read from and written to the global settings grain
/// (save path, share limits and their action, queueing and its limits, speed limits, DHT, listen port). Other
/// preference keys are answered with fixed values and ignored when set, as qBittorrent ignores keys it does not know.
/// </summary>
public static class QbtAppApi
{
    public const string AppVersion = "v5.0.4";
    public const string WebApiVersion = "2.11.2";

    public static IEndpointRouteBuilder MapQbtAppApi(this IEndpointRouteBuilder routes, string prefix)
    {
        var app = QbittorrentFace.Group(routes, prefix, "/app").WithMetadata(new JsonBodyLimit(JsonBodyLimit.DefaultBytes));
        var read = app.MapGroup("").RequireQbtRole(Role.Viewer);
        var write = app.MapGroup("").RequireQbtRole(Role.Operator).DisableAntiforgery();
        read.MapGet("/version", () => QbtText.Ok(AppVersion)).Text().WithName("QbtAppVersion");
        read.MapGet("/webapiVersion", () => QbtText.Ok(WebApiVersion)).Text().WithName("QbtWebApiVersion");
        read.MapGet("/buildInfo", BuildInfo).WithName("QbtBuildInfo");
        read.MapGet("/defaultSavePath", DefaultSavePath).Text().WithName("QbtDefaultSavePath");
        read.MapGet("/preferences", Preferences).WithName("QbtPreferences");
        write.MapPost("/setPreferences", SetPreferences).Form<QbtPreferencesForm>().Text().WithName("QbtSetPreferences");
        return routes;
    }

    public static Ok<JsonObject> BuildInfo() => TypedResults.Ok(new JsonObject
    {
        ["qt"] = "6.7.3",
        ["libtorrent"] = "2.0.10.0",
        ["boost"] = "1.86.0",
        ["openssl"] = "3.3.2",
        ["zlib"] = "1.3.1",
        ["bitness"] = 64,
        ["platform"] = "linux",
    });

    public static async Task<ContentHttpResult> DefaultSavePath(IGrainFactory grains, IConfiguration configuration) =>
        QbtText.Ok(SavePath(await ClientSettings.ReadAsync(grains), configuration));

    private static string SavePath(SettingValues values, IConfiguration configuration) =>
        values.Text(ClientSettingKeys.DefaultSavePath) is { Length: > 0 } chosen ? chosen : EngineDefaults.DownloadDirectory(configuration);

    public static async Task<Ok<JsonObject>> Preferences(IGrainFactory grains, IConfiguration configuration)
    {
        var values = await ClientSettings.ReadAsync(grains);
        var ratio = values.Decimal(ClientSettingKeys.ShareRatioLimit, -1);
        var seeding = values.Number(ClientSettingKeys.ShareSeedingMinutes);
        var inactive = values.Number(ClientSettingKeys.ShareInactiveSeedingMinutes);
        var preferences = QbtPreferenceDefaults.Create();
        preferences["save_path"] = SavePath(values, configuration);
        preferences["max_ratio_enabled"] = ratio >= 0;
        preferences["max_ratio"] = ratio >= 0 ? ratio : -1;
        preferences["max_seeding_time_enabled"] = seeding >= 0;
        preferences["max_seeding_time"] = seeding >= 0 ? seeding : -1;
        preferences["max_inactive_seeding_time_enabled"] = inactive >= 0;
        preferences["max_inactive_seeding_time"] = inactive >= 0 ? inactive : -1;
        preferences["max_ratio_act"] = values.Number(ClientSettingKeys.ShareLimitAction);
        preferences["queueing_enabled"] = values.Flag(ClientSettingKeys.QueueingEnabled);
        preferences["max_active_downloads"] = values.Number(ClientSettingKeys.MaxActiveDownloads);
        preferences["max_active_uploads"] = values.Number(ClientSettingKeys.MaxActiveSeeds);
        preferences["dht"] = values.Flag(ClientSettingKeys.DhtEnabled);
        preferences["encryption"] = values.Flag(ClientSettingKeys.EncryptionEnabled) ? 0 : 2;
        preferences["listen_port"] = values.Number(ClientSettingKeys.ListenPort);
        preferences["dl_limit"] = values.Number(ClientSettingKeys.DownloadLimit) * 1024;
        preferences["up_limit"] = values.Number(ClientSettingKeys.UploadLimit) * 1024;
        preferences["alt_dl_limit"] = values.Number(ClientSettingKeys.AltDownloadLimit) * 1024;
        preferences["alt_up_limit"] = values.Number(ClientSettingKeys.AltUploadLimit) * 1024;
        preferences["max_connec_per_torrent"] = values.Number(ClientSettingKeys.MaxPeersPerTorrent);
        return TypedResults.Ok(preferences);
    }

    /// <summary>Form field <c>json</c>: the preferences to change; 400 when it is not a JSON object or a known key has a wrong value.</summary>
    public static async Task<ContentHttpResult> SetPreferences(QbtParams form, ClaimsPrincipal user, IGrainFactory grains)
    {
        JsonObject? json;
        try
        {
            json = JsonNode.Parse(form["json"] ?? "") as JsonObject;
        }
        catch (JsonException)
        {
            json = null;
        }
        if (json is null)
        {
            return QbtText.BadRequest("json must be a JSON object");
        }
        var changes = new Dictionary<string, string>(StringComparer.Ordinal);
        string? problem = null;
        void Put(string key, JsonNode? value) => changes[key] = value?.ToJsonString() ?? "null";
        void Limit(string enabledKey, string valueKey, string settingKey, bool fraction)
        {
            if (!json.ContainsKey(enabledKey) && !json.ContainsKey(valueKey))
            {
                return;
            }
            var enabled = json.ContainsKey(enabledKey) ? AsBool(json[enabledKey]) : true;
            if (enabled is null)
            {
                problem = $"{enabledKey} must be a boolean";
                return;
            }
            if (enabled == false)
            {
                Put(settingKey, JsonValue.Create(-1));
                return;
            }
            if (json[valueKey] is not JsonValue number || !number.TryGetValue<double>(out var limit))
            {
                if (json.ContainsKey(valueKey))
                {
                    problem = $"{valueKey} must be a number";
                }
                return;
            }
            Put(settingKey, fraction ? JsonValue.Create(limit < 0 ? -1 : limit) : JsonValue.Create(limit < 0 ? -1 : (long)limit));
        }
        Limit("max_ratio_enabled", "max_ratio", ClientSettingKeys.ShareRatioLimit, fraction: true);
        Limit("max_seeding_time_enabled", "max_seeding_time", ClientSettingKeys.ShareSeedingMinutes, fraction: false);
        Limit("max_inactive_seeding_time_enabled", "max_inactive_seeding_time", ClientSettingKeys.ShareInactiveSeedingMinutes, fraction: false);
        foreach (var (name, key) in new[]
        {
            ("max_ratio_act", ClientSettingKeys.ShareLimitAction), ("max_active_downloads", ClientSettingKeys.MaxActiveDownloads),
            ("max_active_uploads", ClientSettingKeys.MaxActiveSeeds), ("listen_port", ClientSettingKeys.ListenPort),
            ("max_connec_per_torrent", ClientSettingKeys.MaxPeersPerTorrent),
        })
        {
            if (json.ContainsKey(name))
            {
                Put(key, json[name] is JsonValue v && v.TryGetValue<double>(out var n) ? JsonValue.Create((long)Math.Max(0, n)) : json[name]);
            }
        }
        foreach (var (name, key) in new[] { ("dl_limit", ClientSettingKeys.DownloadLimit), ("up_limit", ClientSettingKeys.UploadLimit),
            ("alt_dl_limit", ClientSettingKeys.AltDownloadLimit), ("alt_up_limit", ClientSettingKeys.AltUploadLimit) })
        {
            if (json.ContainsKey(name))
            {
                // qBittorrent's limits are bytes per second (-1 or 0 for none); the settings keep KiB/s.
                Put(key, json[name] is JsonValue v && v.TryGetValue<double>(out var n) ? JsonValue.Create((long)Math.Max(0, n) / 1024) : json[name]);
            }
        }
        foreach (var (name, key) in new[] { ("queueing_enabled", ClientSettingKeys.QueueingEnabled), ("dht", ClientSettingKeys.DhtEnabled) })
        {
            if (json.ContainsKey(name))
            {
                Put(key, AsBool(json[name]) is { } flag ? JsonValue.Create(flag) : json[name]);
            }
        }
        if (json.ContainsKey("save_path"))
        {
            Put(ClientSettingKeys.DefaultSavePath, json["save_path"]);
        }
        if (problem is not null)
        {
            return QbtText.BadRequest(problem);
        }
        if (changes.Count == 0)
        {
            return QbtText.Ok();
        }
        var outcome = await grains.GetGrain<ISettingsGrain>(ISettingsGrain.GlobalScope).SetOverridesAsync(changes, CurrentUser.Name(user));
        return outcome.Status == SettingChangeStatus.Applied ? QbtText.Ok() : QbtText.BadRequest(outcome.Error ?? "invalid preference");
    }

    private static bool? AsBool(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => bool.TryParse(node.GetValue<string>(), out var b) ? b : null,
        JsonValueKind.Number => node.GetValue<double>() != 0,
        _ => null,
    };
}
