using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
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
        group.MapPut("/overrides/{key}", PutOverride).RequireRole(Role.Operator).WithName("PutSettingOverride");
        group.MapDelete("/overrides/{key}", DeleteOverride).RequireRole(Role.Operator).WithName("DeleteSettingOverride");
        group.MapGet("/audit", GetAudit).WithName("GetSettingsAudit");
        return routes;
    }

    public static async Task<Ok<SettingListResponse>> GetSettings(IGrainFactory grains)
    {
        var settings = await Grain(grains).GetAllAsync();
        return TypedResults.Ok(new SettingListResponse(settings.Select(SettingResponse.From).ToList()));
    }

    public static async Task<Results<Ok<SettingResponse>, ProblemHttpResult>> PutOverride(
        string key, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            if (document!.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("value", out var value))
            {
                return ApiProblem.BadRequest("request body must be a JSON object with a 'value' field");
            }
            return ToResult(await Grain(grains).SetOverrideAsync(key, value.GetRawText(), CurrentUser.Name(user)));
        }
    }

    public static async Task<Results<Ok<SettingResponse>, ProblemHttpResult>> DeleteOverride(string key, ClaimsPrincipal user, IGrainFactory grains) =>
        ToResult(await Grain(grains).RemoveOverrideAsync(key, CurrentUser.Name(user)));

    public static async Task<Results<Ok<SettingsAuditResponse>, ProblemHttpResult>> GetAudit(
        HttpRequest request, SettingsAuditLog auditLog, CancellationToken cancellationToken)
    {
        var limit = 100;
        if (request.Query.TryGetValue("limit", out var text)
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 1000))
        {
            return ApiProblem.BadRequest("limit must be an integer from 1 to 1000");
        }

        var records = await auditLog.ListAsync(limit, cancellationToken);
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
