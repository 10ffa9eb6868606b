using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Settings;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Hosting.Network.Outbound;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Client;

/// <summary>
/// The client face's IP blocklist: the URL and on/off are settings (audited, like the other client settings), the
/// loaded ranges live in the blocklist grain (<see cref="ClientBlocklist"/> fetches them). Turning the list on starts a
/// fetch; turning it off drops the list on every engine; refresh fetches now and answers how it went.
/// </summary>
public static class ClientBlocklistApi
{
    public static IEndpointRouteBuilder MapClientBlocklistApi(this IEndpointRouteBuilder routes, string prefix)
    {
        var blocklist = routes.MapGroup($"{prefix}/settings/blocklist").WithTags("Client").RequireRole(Role.Viewer)
            .AddEndpointFilter<OriginGuardFilter>();
        blocklist.MapGet("", Get).WithName("ClientGetBlocklist");
        blocklist.MapPut("", Put).RequireRole(Role.Operator).AcceptsJsonUpTo().Validate<BlocklistRequest>().WithName("ClientPutBlocklist");
        blocklist.MapPost("/refresh", Refresh).RequireRole(Role.Operator)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status502BadGateway).WithName("ClientRefreshBlocklist");
        return routes;
    }

    public static async Task<Ok<BlocklistResponse>> Get(IGrainFactory grains)
    {
        var values = await ClientSettings.ReadAsync(grains);
        var status = await grains.GetGrain<IClientBlocklistGrain>(0).GetStatusAsync();
        return TypedResults.Ok(new BlocklistResponse(
            values.Text(ClientSettingKeys.BlocklistUrl), values.Flag(ClientSettingKeys.BlocklistEnabled), status.LastLoadedAt, status.Entries, status.Error));
    }

    /// <summary>Checks the URL against the outbound rules, saves both settings, then fetches (on) or drops the list (off).</summary>
    public static async Task<Results<Ok<OkResponse>, ProblemHttpResult>> Put(
        BlocklistRequest request, ClaimsPrincipal user, IGrainFactory grains, OutboundOptions outbound, ClientBlocklist blocklist)
    {
        var values = await ClientSettings.ReadAsync(grains);
        var url = request.Url ?? values.Text(ClientSettingKeys.BlocklistUrl);
        var enabled = request.Enabled ?? values.Flag(ClientSettingKeys.BlocklistEnabled);
        if ((url.Length > 0 || enabled) && OutboundUrl.Problem(url, outbound.AllowLoopback) is { } problem)
        {
            return ApiProblem.BadRequest(problem);
        }
        var written = await ClientSettings.WriteAsync(grains, user, ClientSettings.Changes(
            (ClientSettingKeys.BlocklistUrl, request.Url),
            (ClientSettingKeys.BlocklistEnabled, request.Enabled)));
        if (written.Result is not Ok<OkResponse>)
        {
            return written;
        }
        if (enabled)
        {
            blocklist.Start();
        }
        else
        {
            await blocklist.ClearAsync();
        }
        return written;
    }

    /// <summary>400 when there is nothing to fetch (no URL, a URL the rules refuse, the list off); 502 when the fetch or the body failed.</summary>
    public static async Task<Results<Ok<OkResponse>, ProblemHttpResult>> Refresh(ClientBlocklist blocklist, CancellationToken cancellationToken)
    {
        var outcome = await blocklist.RefreshAsync(cancellationToken);
        return outcome.Result switch
        {
            BlocklistFetchResult.Loaded => TypedResults.Ok(OkResponse.Yes),
            BlocklistFetchResult.Refused => ApiProblem.BadRequest(outcome.Error!),
            _ => TypedResults.Problem(detail: outcome.Error, statusCode: StatusCodes.Status502BadGateway, title: "Bad Gateway",
                extensions: new Dictionary<string, object?> { ["error"] = outcome.Error }),
        };
    }
}

/// <summary>The seed's PUT body: a missing field keeps its value; an empty url is allowed only with the list off.</summary>
public sealed record BlocklistRequest(
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("enabled")] bool? Enabled) : IValidatable
{
    public string? Validate() => Url is { Length: > OutboundUrl.MaxLength } ? $"url may be at most {OutboundUrl.MaxLength} characters" : null;
}

/// <summary>
/// The seed's BlocklistDTO. <c>entries</c> is the number of ranges read from the valid lines of the last good fetch
/// (before overlapping ranges are merged; comments, blank lines, malformed lines and DAT lines that allow are not
/// counted); <c>error</c> is why the last fetch failed, absent when it succeeded.
/// </summary>
public sealed record BlocklistResponse(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("last_loaded_at")] long LastLoadedAt,
    [property: JsonPropertyName("entries")] int Entries,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error);
