using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Swarmgrid.GrainInterfaces.Settings;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Client;

/// <summary>
/// The client face's settings: save path, bandwidth limits and alt speed, queue limits and peer limits. Each is a key
/// of the one settings grain (audited, on the realtime feed, and listed by the library face's <c>/api/settings</c>);
/// every silo's engine follows them. A PUT names the fields it changes (a missing field keeps its value) and writes
/// them as one change, or answers 400 and writes nothing. Reading takes a viewer, changing an operator.
/// </summary>
public static class ClientSettingsApi
{
    public static IEndpointRouteBuilder MapClientSettingsApi(this IEndpointRouteBuilder routes, string prefix)
    {
        var settings = routes.MapGroup($"{prefix}/settings").WithTags("Client").RequireRole(Role.Viewer)
            .AddEndpointFilter<OriginGuardFilter>().WithMetadata(new JsonBodyLimit(JsonBodyLimit.DefaultBytes));
        settings.MapGet("/save_path", GetSavePath).WithName("ClientGetSavePath");
        settings.MapPut("/save_path", PutSavePath).RequireRole(Role.Operator).Validate<SavePathRequest>().WithName("ClientPutSavePath");
        settings.MapGet("/limits", GetLimits).WithName("ClientGetLimits");
        settings.MapPut("/limits", PutLimits).RequireRole(Role.Operator).Validate<LimitsRequest>().WithName("ClientPutLimits");
        settings.MapPost("/alt_speed/toggle", ToggleAltSpeed).RequireRole(Role.Operator).WithName("ClientToggleAltSpeed");
        settings.MapGet("/queue_limits", GetQueueLimits).WithName("ClientGetQueueLimits");
        settings.MapPut("/queue_limits", PutQueueLimits).RequireRole(Role.Operator).Validate<QueueLimitsRequest>().WithName("ClientPutQueueLimits");
        settings.MapGet("/peer_limits", GetPeerLimits).WithName("ClientGetPeerLimits");
        settings.MapPut("/peer_limits", PutPeerLimits).RequireRole(Role.Operator).Validate<PeerLimitsRequest>().WithName("ClientPutPeerLimits");
        return routes;
    }

    /// <summary>The <c>default_save_path</c> setting, or where the engine saves when it is empty.</summary>
    public static async Task<Ok<SavePathResponse>> GetSavePath(IGrainFactory grains, IConfiguration configuration)
    {
        var values = await ClientSettings.ReadAsync(grains);
        var chosen = values.Text(ClientSettingKeys.DefaultSavePath);
        return TypedResults.Ok(new SavePathResponse(chosen.Length > 0 ? chosen : EngineDefaults.DownloadDirectory(configuration)));
    }

    public static Task<Results<Ok<OkResponse>, ProblemHttpResult>> PutSavePath(SavePathRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        ClientSettings.WriteAsync(grains, user, new() { [ClientSettingKeys.DefaultSavePath] = JsonSerializer.Serialize(request.Path) });

    public static async Task<Ok<LimitsResponse>> GetLimits(IGrainFactory grains)
    {
        var values = await ClientSettings.ReadAsync(grains);
        return TypedResults.Ok(new LimitsResponse(
            values.Number(ClientSettingKeys.DownloadLimit),
            values.Number(ClientSettingKeys.UploadLimit),
            values.Number(ClientSettingKeys.AltDownloadLimit),
            values.Number(ClientSettingKeys.AltUploadLimit),
            values.Flag(ClientSettingKeys.AltSpeedActive)));
    }

    public static Task<Results<Ok<OkResponse>, ProblemHttpResult>> PutLimits(LimitsRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        ClientSettings.WriteAsync(grains, user, ClientSettings.Changes(
            (ClientSettingKeys.DownloadLimit, request.DownKbps),
            (ClientSettingKeys.UploadLimit, request.UpKbps),
            (ClientSettingKeys.AltDownloadLimit, request.AltDownKbps),
            (ClientSettingKeys.AltUploadLimit, request.AltUpKbps),
            (ClientSettingKeys.AltSpeedActive, request.AltActive)));

    /// <summary>Flips alt speed and answers the new state.</summary>
    public static async Task<Results<Ok<AltSpeedResponse>, ProblemHttpResult>> ToggleAltSpeed(ClaimsPrincipal user, IGrainFactory grains)
    {
        var change = await grains.GetGrain<ISettingsGrain>(ISettingsGrain.GlobalScope).ToggleAsync(ClientSettingKeys.AltSpeedActive, CurrentUser.Name(user));
        return change.Status == SettingChangeStatus.Applied
            ? TypedResults.Ok(new AltSpeedResponse(change.Setting!.ValueJson == "true"))
            : ApiProblem.BadRequest(change.Error!);
    }

    public static async Task<Ok<QueueLimitsResponse>> GetQueueLimits(IGrainFactory grains)
    {
        var values = await ClientSettings.ReadAsync(grains);
        return TypedResults.Ok(new QueueLimitsResponse(
            (int)values.Number(ClientSettingKeys.MaxActiveDownloads),
            (int)values.Number(ClientSettingKeys.MaxActiveSeeds)));
    }

    public static Task<Results<Ok<OkResponse>, ProblemHttpResult>> PutQueueLimits(QueueLimitsRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        ClientSettings.WriteAsync(grains, user, ClientSettings.Changes(
            (ClientSettingKeys.MaxActiveDownloads, request.MaxActiveDownloads),
            (ClientSettingKeys.MaxActiveSeeds, request.MaxActiveSeeds)));

    public static async Task<Ok<PeerLimitsResponse>> GetPeerLimits(IGrainFactory grains)
    {
        var values = await ClientSettings.ReadAsync(grains);
        return TypedResults.Ok(new PeerLimitsResponse(
            (int)values.Number(ClientSettingKeys.ListenPort),
            (int)values.Number(ClientSettingKeys.MaxPeersPerTorrent),
            values.Flag(ClientSettingKeys.DhtEnabled),
            values.Flag(ClientSettingKeys.EncryptionEnabled)));
    }

    public static Task<Results<Ok<OkResponse>, ProblemHttpResult>> PutPeerLimits(PeerLimitsRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        ClientSettings.WriteAsync(grains, user, ClientSettings.Changes(
            (ClientSettingKeys.ListenPort, request.ListenPort),
            (ClientSettingKeys.MaxPeersPerTorrent, request.MaxPeersPerTorrent),
            (ClientSettingKeys.DhtEnabled, request.DhtEnabled),
            (ClientSettingKeys.EncryptionEnabled, request.EncryptionEnabled)));
}

/// <summary>Reads and writes the global settings grain on behalf of the client face.</summary>
public static class ClientSettings
{
    public static async Task<SettingValues> ReadAsync(IGrainFactory grains) =>
        new(await grains.GetGrain<ISettingsGrain>(ISettingsGrain.GlobalScope).GetAllAsync());

    /// <summary>The given fields as setting values in JSON, leaving out those the request did not name.</summary>
    public static Dictionary<string, string> Changes(params (string Key, object? Value)[] fields) =>
        fields.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => JsonSerializer.Serialize(f.Value), StringComparer.Ordinal);

    /// <summary>Writes every change or none; the grain's refusal (which the request checks should have caught) is a 400.</summary>
    public static async Task<Results<Ok<OkResponse>, ProblemHttpResult>> WriteAsync(IGrainFactory grains, ClaimsPrincipal user, Dictionary<string, string> changes)
    {
        if (changes.Count == 0)
        {
            return TypedResults.Ok(OkResponse.Yes);
        }
        var outcome = await grains.GetGrain<ISettingsGrain>(ISettingsGrain.GlobalScope).SetOverridesAsync(changes, CurrentUser.Name(user));
        return outcome.Status == SettingChangeStatus.Applied ? TypedResults.Ok(OkResponse.Yes) : ApiProblem.BadRequest(outcome.Error!);
    }
}

/// <summary>Setting values by key, as the settings grain holds them in JSON.</summary>
public sealed class SettingValues(IReadOnlyList<SettingView> settings)
{
    private readonly Dictionary<string, string> values = settings.ToDictionary(s => s.Key, s => s.ValueJson, StringComparer.Ordinal);

    public long Number(string key) =>
        values.TryGetValue(key, out var json) && long.TryParse(json, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : 0;

    public bool Flag(string key) => values.GetValueOrDefault(key) == "true";

    public bool Has(string key) => values.ContainsKey(key);

    /// <summary>A number that may have a fraction; <paramref name="fallback"/> when unset.</summary>
    public double Decimal(string key, double fallback) =>
        values.TryGetValue(key, out var json) && double.TryParse(json, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : fallback;

    public string Text(string key) => values.TryGetValue(key, out var json) ? JsonSerializer.Deserialize<string>(json) ?? "" : "";
}

public sealed record SavePathRequest([property: JsonPropertyName("path")] string? Path) : IValidatable
{
    public string? Validate() =>
        string.IsNullOrEmpty(Path) ? "path is required"
        : Path.Length > 4096 ? "path must be at most 4096 characters"
        : Path.Contains('\0', StringComparison.Ordinal) || !System.IO.Path.IsPathFullyQualified(Path) ? "path must be an absolute path"
        : null;
}

public sealed record SavePathResponse([property: JsonPropertyName("path")] string Path);

/// <summary>The seed's LimitsDTO; <c>kbps</c> fields are KiB/s (1024 bytes per second), 0 for no limit.</summary>
public sealed record LimitsRequest(
    [property: JsonPropertyName("down_kbps")] long? DownKbps,
    [property: JsonPropertyName("up_kbps")] long? UpKbps,
    [property: JsonPropertyName("alt_down_kbps")] long? AltDownKbps,
    [property: JsonPropertyName("alt_up_kbps")] long? AltUpKbps,
    [property: JsonPropertyName("alt_active")] bool? AltActive) : IValidatable
{
    public string? Validate() =>
        Rate("down_kbps", DownKbps) ?? Rate("up_kbps", UpKbps) ?? Rate("alt_down_kbps", AltDownKbps) ?? Rate("alt_up_kbps", AltUpKbps);

    public static string? Rate(string field, long? value) =>
        value is < 0 or > ClientSettingKeys.MaxRateKib ? $"{field} must be between 0 and {ClientSettingKeys.MaxRateKib} (KiB/s; 0 = no limit)" : null;
}

public sealed record LimitsResponse(
    [property: JsonPropertyName("down_kbps")] long DownKbps,
    [property: JsonPropertyName("up_kbps")] long UpKbps,
    [property: JsonPropertyName("alt_down_kbps")] long AltDownKbps,
    [property: JsonPropertyName("alt_up_kbps")] long AltUpKbps,
    [property: JsonPropertyName("alt_active")] bool AltActive);

public sealed record AltSpeedResponse([property: JsonPropertyName("alt_active")] bool AltActive);

public sealed record QueueLimitsRequest(
    [property: JsonPropertyName("max_active_downloads")] int? MaxActiveDownloads,
    [property: JsonPropertyName("max_active_seeds")] int? MaxActiveSeeds) : IValidatable
{
    public string? Validate() =>
        MaxActiveDownloads is < 0 or > ClientSettingKeys.MaxDownloadsLimit
            ? $"max_active_downloads must be between 0 and {ClientSettingKeys.MaxDownloadsLimit} (0 = unlimited)"
        : MaxActiveSeeds is < 0 or > ClientSettingKeys.MaxSeedsLimit
            ? $"max_active_seeds must be between 0 and {ClientSettingKeys.MaxSeedsLimit} (0 = unlimited)"
        : null;
}

public sealed record QueueLimitsResponse(
    [property: JsonPropertyName("max_active_downloads")] int MaxActiveDownloads,
    [property: JsonPropertyName("max_active_seeds")] int MaxActiveSeeds);

/// <summary>The seed's PeerLimitsDTO: <c>max_peers_per_torrent</c> applies at once, the rest when a silo's engine next starts.</summary>
public sealed record PeerLimitsRequest(
    [property: JsonPropertyName("listen_port")] int? ListenPort,
    [property: JsonPropertyName("max_peers_per_torrent")] int? MaxPeersPerTorrent,
    [property: JsonPropertyName("dht_enabled")] bool? DhtEnabled,
    [property: JsonPropertyName("encryption_enabled")] bool? EncryptionEnabled) : IValidatable
{
    public string? Validate() =>
        ListenPort is < 0 or > 65535 ? "listen_port must be between 0 and 65535"
        : MaxPeersPerTorrent < 0 ? "max_peers_per_torrent must not be negative"
        : MaxPeersPerTorrent > ClientSettingKeys.MaxPeers ? $"max_peers_per_torrent must be at most {ClientSettingKeys.MaxPeers}"
        : null;
}

public sealed record PeerLimitsResponse(
    [property: JsonPropertyName("listen_port")] int ListenPort,
    [property: JsonPropertyName("max_peers_per_torrent")] int MaxPeersPerTorrent,
    [property: JsonPropertyName("dht_enabled")] bool DhtEnabled,
    [property: JsonPropertyName("encryption_enabled")] bool EncryptionEnabled);
