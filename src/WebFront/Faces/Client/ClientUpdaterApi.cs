using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Settings;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;
using Swarmgrid.WebFront.Faces.Client.Updater;

namespace Swarmgrid.WebFront.Faces.Client;

/// <summary>
/// The client face's updater and version: the updater settings (<c>enabled</c> and <c>channel</c> are settings keys),
/// a release check against the configured feed, and installing = staging a verified release for the operator's next
/// deploy. Reading takes a viewer; the updater's settings, check and install take an admin.
/// </summary>
public static class ClientUpdaterApi
{
    public static IEndpointRouteBuilder MapClientUpdaterApi(this IEndpointRouteBuilder routes, string prefix)
    {
        var client = routes.MapGroup(prefix).WithTags("Client").RequireRole(Role.Viewer)
            .AddEndpointFilter<OriginGuardFilter>().WithMetadata(new JsonBodyLimit(JsonBodyLimit.DefaultBytes));
        client.MapGet("/version", GetVersion).WithName("ClientGetVersion");
        client.MapGet("/settings/updater", GetUpdaterSettings).WithName("ClientGetUpdaterSettings");
        client.MapPut("/settings/updater", PutUpdaterSettings).RequireRole(Role.Admin).Validate<UpdaterSettingsRequest>().WithName("ClientPutUpdaterSettings");
        client.MapPost("/updater/check", Check).RequireRole(Role.Admin).WithName("ClientUpdaterCheck");
        client.MapPost("/updater/install", Install).RequireRole(Role.Admin).WithName("ClientUpdaterInstall");
        return routes;
    }

    public static Ok<VersionResponse> GetVersion() => TypedResults.Ok(new VersionResponse(ClientUpdater.CurrentVersion.ToString()));

    public static async Task<Ok<UpdaterConfigResponse>> GetUpdaterSettings(IGrainFactory grains)
    {
        var values = await ClientSettings.ReadAsync(grains);
        var record = await grains.GetGrain<IClientUpdaterGrain>(0).GetAsync();
        return TypedResults.Ok(new UpdaterConfigResponse(values.Flag(ClientSettingKeys.UpdaterEnabled), values.Text(ClientSettingKeys.UpdaterChannel),
            record.LastCheckedAt?.ToUnixTimeSeconds() ?? 0, record.LastSeenVersion));
    }

    /// <summary>Keeps <c>enabled</c> and <c>channel</c>; the other fields of the DTO are the server's and are ignored.</summary>
    public static Task<Results<Ok<OkResponse>, ProblemHttpResult>> PutUpdaterSettings(UpdaterSettingsRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        ClientSettings.WriteAsync(grains, user, ClientSettings.Changes(
            (ClientSettingKeys.UpdaterEnabled, request.Enabled),
            (ClientSettingKeys.UpdaterChannel, request.Channel)));

    /// <summary>Reads the release feed now for the configured channel.</summary>
    public static async Task<Results<Ok<UpdateInfoResponse>, ProblemHttpResult>> Check(
        IGrainFactory grains, ClientUpdater updater, TimeProvider time, CancellationToken cancellationToken)
    {
        var channel = (await ClientSettings.ReadAsync(grains)).Text(ClientSettingKeys.UpdaterChannel);
        try
        {
            var check = await updater.CheckAsync(channel, cancellationToken);
            var now = time.GetUtcNow();
            await grains.GetGrain<IClientUpdaterGrain>(0).RecordCheckAsync(now, check.Available ? check.Latest.Version.ToString() : null);
            return TypedResults.Ok(new UpdateInfoResponse(check.Available, check.Latest.Version.ToString(), check.Latest.AssetUrl.ToString(),
                check.Latest.AssetFileName, now.ToUnixTimeSeconds(), check.Current.ToString()));
        }
        catch (UpdateException ex)
        {
            return Problem(ex);
        }
    }

    /// <summary>Downloads, verifies and stages the newer release of the configured channel.</summary>
    public static async Task<Results<Ok<OkResponse>, ProblemHttpResult>> Install(
        IGrainFactory grains, ClientUpdater updater, CancellationToken cancellationToken)
    {
        var channel = (await ClientSettings.ReadAsync(grains)).Text(ClientSettingKeys.UpdaterChannel);
        try
        {
            await updater.InstallAsync(channel, cancellationToken);
            return TypedResults.Ok(OkResponse.Yes);
        }
        catch (UpdateException ex)
        {
            return Problem(ex);
        }
    }

    /// <summary>The seed's 500 for a disabled updater and a failed install; 502 when the feed fails, 409 when nothing is newer.</summary>
    private static ProblemHttpResult Problem(UpdateException failure)
    {
        var (status, title) = failure.Failure switch
        {
            UpdateFailure.Feed => (StatusCodes.Status502BadGateway, "Bad Gateway"),
            UpdateFailure.NothingNewer => (StatusCodes.Status409Conflict, "Conflict"),
            _ => (StatusCodes.Status500InternalServerError, "Internal Server Error"),
        };
        return TypedResults.Problem(detail: failure.Message, statusCode: status, title: title,
            extensions: new Dictionary<string, object?> { ["error"] = failure.Message });
    }
}

public sealed record VersionResponse([property: JsonPropertyName("version")] string Version);

public sealed record UpdaterSettingsRequest(
    [property: JsonPropertyName("enabled")] bool? Enabled,
    [property: JsonPropertyName("channel")] string? Channel) : IValidatable
{
    public string? Validate() => Channel is null or "stable" or "beta" ? null : "channel must be stable or beta";
}

public sealed record UpdaterConfigResponse(
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("last_checked_at")] long LastCheckedAt,
    [property: JsonPropertyName("last_seen_version")] string LastSeenVersion);

public sealed record UpdateInfoResponse(
    [property: JsonPropertyName("available")] bool Available,
    [property: JsonPropertyName("latest_version")] string LatestVersion,
    [property: JsonPropertyName("asset_url")] string AssetUrl,
    [property: JsonPropertyName("asset_filename")] string AssetFilename,
    [property: JsonPropertyName("checked_at")] long CheckedAt,
    [property: JsonPropertyName("current_version")] string CurrentVersion);
