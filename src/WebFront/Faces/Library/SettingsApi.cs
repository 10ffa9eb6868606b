using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.Data.Settings;
using Swarmgrid.GrainInterfaces.Settings;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Library;

/// <summary>The library face's settings routes (BitAgent seed: defaults plus overrides, with an audit log).</summary>
public static class SettingsApi
{
    public static IEndpointRouteBuilder MapSettingsApi(this IEndpointRouteBuilder routes, string prefix)
    {
        var group = routes.MapGroup($"{prefix}/settings").WithTags("Settings").RequireRole(Role.Viewer).AddEndpointFilter<CsrfFilter>();
        group.MapGet("", GetSettings).WithName("GetSettings");
        group.MapPut("/overrides/{key}", PutOverride).RequireRole(Role.Operator).AcceptsJsonUpTo()
            .ProducesProblem(StatusCodes.Status404NotFound).WithName("PutSettingOverride");
        group.MapDelete("/overrides/{key}", DeleteOverride).RequireRole(Role.Operator)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).WithName("DeleteSettingOverride");
        group.MapGet("/audit", GetAudit).Validate<SettingsAuditQuery>().WithName("GetSettingsAudit");
        return routes;
    }

    public static async Task<Ok<SettingListResponse>> GetSettings(IGrainFactory grains)
    {
        var settings = await Grain(grains).GetAllAsync();
        return TypedResults.Ok(new SettingListResponse(settings.Select(SettingResponse.From).ToList()));
    }

    public static async Task<Results<Ok<SettingResponse>, ProblemHttpResult>> PutOverride(
        string key, SettingOverrideRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        ToResult(await Grain(grains).SetOverrideAsync(key, request.Value.GetRawText(), CurrentUser.Name(user)));

    public static async Task<Results<Ok<SettingResponse>, ProblemHttpResult>> DeleteOverride(string key, ClaimsPrincipal user, IGrainFactory grains) =>
        ToResult(await Grain(grains).RemoveOverrideAsync(key, CurrentUser.Name(user)));

    public static async Task<Ok<SettingsAuditResponse>> GetAudit(
        [AsParameters] SettingsAuditQuery query, SettingsAuditLog auditLog, CancellationToken cancellationToken)
    {
        var records = await auditLog.ListAsync(query.Limit ?? 100, cancellationToken);
        return TypedResults.Ok(new SettingsAuditResponse(records.Select(SettingsAuditEntry.From).ToList()));
    }

    private static ISettingsGrain Grain(IGrainFactory grains) => grains.GetGrain<ISettingsGrain>(ISettingsGrain.GlobalScope);

    private static Results<Ok<SettingResponse>, ProblemHttpResult> ToResult(SettingChange change) => change.Status switch
    {
        SettingChangeStatus.Applied => TypedResults.Ok(SettingResponse.From(change.Setting!)),
        SettingChangeStatus.UnknownKey => ApiProblem.NotFound(change.Error!),
        _ => ApiProblem.BadRequest(change.Error!),
    };
}
