using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Client;

/// <summary>
/// The client face's schedule rules: time-of-day bandwidth windows kept by the schedule grain (key 0), which every
/// silo's engine follows. Reading takes a viewer, changing an operator.
/// </summary>
public static class ClientScheduleApi
{
    public static IEndpointRouteBuilder MapClientScheduleApi(this IEndpointRouteBuilder routes, string prefix)
    {
        var rules = routes.MapGroup($"{prefix}/schedule_rules").WithTags("Client").RequireRole(Role.Viewer)
            .AddEndpointFilter<OriginGuardFilter>().WithMetadata(new JsonBodyLimit(JsonBodyLimit.DefaultBytes));
        rules.MapGet("", List).WithName("ClientListScheduleRules");
        rules.MapPost("", Add).RequireRole(Role.Operator).Validate<ScheduleRuleRequest>().WithName("ClientAddScheduleRule");
        rules.MapPut("", Update).RequireRole(Role.Operator).Validate<ScheduleRuleRequest>().WithName("ClientUpdateScheduleRule");
        rules.MapDelete("/{id}", Remove).RequireRole(Role.Operator).WithName("ClientRemoveScheduleRule");
        return routes;
    }

    public static async Task<Ok<List<ScheduleRuleResponse>>> List(IGrainFactory grains) =>
        TypedResults.Ok((await Schedule(grains).GetRulesAsync()).Select(ScheduleRuleResponse.From).ToList());

    /// <summary>Adds the rule under a new id (a given id is ignored).</summary>
    public static async Task<Results<Ok<ScheduleRuleIdResponse>, ProblemHttpResult>> Add(ScheduleRuleRequest request, IGrainFactory grains)
    {
        var id = await Schedule(grains).AddRuleAsync(request.ToRule(0));
        return id is { } added
            ? TypedResults.Ok(new ScheduleRuleIdResponse(added))
            : ApiProblem.Conflict($"there are already {IClientScheduleGrain.MaxRules} schedule rules");
    }

    /// <summary>Replaces the rule named by the body's <c>id</c> with the body.</summary>
    public static async Task<Results<Ok<OkResponse>, ProblemHttpResult>> Update(ScheduleRuleRequest request, IGrainFactory grains)
    {
        if (request.Id is not > 0)
        {
            return ApiProblem.BadRequest("id is required: the positive id of the rule to replace");
        }
        return await Schedule(grains).UpdateRuleAsync(request.ToRule(request.Id.Value))
            ? TypedResults.Ok(OkResponse.Yes)
            : ApiProblem.NotFound($"no schedule rule {request.Id}");
    }

    public static async Task<Results<Ok<OkResponse>, ProblemHttpResult>> Remove(string id, IGrainFactory grains)
    {
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            return ApiProblem.BadRequest("id must be a positive integer");
        }
        return await Schedule(grains).RemoveRuleAsync(number)
            ? TypedResults.Ok(OkResponse.Yes)
            : ApiProblem.NotFound($"no schedule rule {number}");
    }

    private static IClientScheduleGrain Schedule(IGrainFactory grains) => grains.GetGrain<IClientScheduleGrain>(0);
}

/// <summary>
/// The seed's ScheduleRuleDTO. Every field but <c>id</c> is required (<c>id</c> names the rule on PUT and is ignored
/// on POST); rates are KiB/s, 0 for no limit.
/// </summary>
public sealed record ScheduleRuleRequest(
    [property: JsonPropertyName("id")] int? Id,
    [property: JsonPropertyName("days_mask")] int? DaysMask,
    [property: JsonPropertyName("start_min")] int? StartMin,
    [property: JsonPropertyName("end_min")] int? EndMin,
    [property: JsonPropertyName("down_kbps")] long? DownKbps,
    [property: JsonPropertyName("up_kbps")] long? UpKbps,
    [property: JsonPropertyName("alt_only")] bool? AltOnly,
    [property: JsonPropertyName("enabled")] bool? Enabled) : IValidatable
{
    public string? Validate() =>
        DaysMask is null ? "days_mask is required"
        : StartMin is null ? "start_min is required"
        : EndMin is null ? "end_min is required"
        : DownKbps is null ? "down_kbps is required"
        : UpKbps is null ? "up_kbps is required"
        : AltOnly is null ? "alt_only is required"
        : Enabled is null ? "enabled is required"
        : ToRule(0).Problem();

    public ScheduleRule ToRule(int id) =>
        new(id, DaysMask ?? 0, StartMin ?? 0, EndMin ?? 0, DownKbps ?? 0, UpKbps ?? 0, AltOnly ?? false, Enabled ?? false);
}

public sealed record ScheduleRuleResponse(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("days_mask")] int DaysMask,
    [property: JsonPropertyName("start_min")] int StartMin,
    [property: JsonPropertyName("end_min")] int EndMin,
    [property: JsonPropertyName("down_kbps")] long DownKbps,
    [property: JsonPropertyName("up_kbps")] long UpKbps,
    [property: JsonPropertyName("alt_only")] bool AltOnly,
    [property: JsonPropertyName("enabled")] bool Enabled)
{
    public static ScheduleRuleResponse From(ScheduleRule rule) =>
        new(rule.Id, rule.DaysMask, rule.StartMinute, rule.EndMinute, rule.DownKib, rule.UpKib, rule.AltOnly, rule.Enabled);
}

public sealed record ScheduleRuleIdResponse([property: JsonPropertyName("id")] int Id);
