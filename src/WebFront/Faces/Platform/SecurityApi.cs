using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Swarmgrid.Data.Identity;
using Swarmgrid.GrainInterfaces.Security;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Platform;

/// <summary>The platform seed's <c>/security</c> routes: settings, password policy, sessions, API keys, IP rules.</summary>
public static class SecurityApi
{
    public static IEndpointRouteBuilder MapSecurityApi(this IEndpointRouteBuilder routes, string prefix)
    {
        var keys = routes.MapGroup($"{prefix}/security/api-keys").WithTags("Security").RequireRole(Role.Viewer).AddEndpointFilter<CsrfFilter>();
        keys.MapGet("", ListApiKeys).WithName("ListApiKeys");
        keys.MapPost("", CreateApiKey).AcceptsJsonUpTo().Validate<ApiKeyRequest>().WithName("CreateApiKey");
        keys.MapDelete("/{id}", RevokeApiKey).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("RevokeApiKey");

        var admin = routes.MapGroup($"{prefix}/security").WithTags("Security").RequireRole(Role.Admin).AddEndpointFilter<CsrfFilter>();
        admin.MapGet("", GetSettings).WithName("GetSecurity");
        admin.MapPut("", PutSettings).AcceptsJsonUpTo().Validate<SecuritySettingsRequest>().WithName("PutSecurity");
        admin.MapGet("/password-policy", GetPasswordPolicy).WithName("GetPasswordPolicy");
        admin.MapPut("/password-policy", PutPasswordPolicy).AcceptsJsonUpTo().Validate<PasswordPolicyRequest>().WithName("PutPasswordPolicy");
        admin.MapGet("/sessions", ListSessions).WithName("ListSessions");
        admin.MapDelete("/sessions/{id}", RevokeSession).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("RevokeSession");
        admin.MapGet("/ip-rules", GetIpRules).WithName("GetIpRules");
        admin.MapPut("/ip-rules", PutIpRules).AcceptsJsonUpTo().Validate<IpRulesRequest>().WithName("PutIpRules");
        return routes;
    }

    private static ISecurityGrain Security(IGrainFactory grains) => grains.GetGrain<ISecurityGrain>(0);

    private static async Task<bool> MayManageAsync(HttpContext context, IGrainFactory grains, string ownerId) =>
        await grains.GetGrain<IUserGrain>(ownerId).GetAsync() is not { } owner
        || Ranks.MayManage(CurrentUser.Id(context.User), CurrentUser.Role(context.User), owner.Id, owner.Role);

    /// <summary>The caller's keys; an admin's with <c>?all=true</c> lists everyone's.</summary>
    public static async Task<Ok<List<ApiKeyResponse>>> ListApiKeys([FromQuery(Name = "all")] string? all, HttpContext context, IdentityStore identities)
    {
        var mine = CurrentUser.Role(context.User) >= Role.Admin && all == "true" ? null : CurrentUser.Id(context.User);
        var keys = await identities.ListApiKeysAsync(mine, context.RequestAborted);
        return TypedResults.Ok(keys.Select(ApiKeyResponse.From).ToList());
    }

    public static async Task<Created<ApiKeyCreatedResponse>> CreateApiKey(ApiKeyRequest request, HttpContext context, IGrainFactory grains, AuditTrail audit)
    {
        var name = request.Name!.Trim();
        var userId = CurrentUser.Id(context.User)!;
        var issued = await grains.GetGrain<IUserGrain>(userId).CreateApiKeyAsync(name, "sgk_");
        await audit.RecordAsync(context, "api_key_created", issued.Id, $"name={name}");
        return TypedResults.Created($"{context.Request.Path}/{issued.Id}", new ApiKeyCreatedResponse(issued.Id, name, issued.Secret));
    }

    public static async Task<Results<Ok<OkResponse>, ProblemHttpResult>> RevokeApiKey(
        string id, HttpContext context, IdentityStore identities, IGrainFactory grains, AuditTrail audit)
    {
        var key = (await identities.ListApiKeysAsync(null, context.RequestAborted)).FirstOrDefault(k => k.Id == id && k.RevokedAt is null);
        if (key is null || (key.UserId != CurrentUser.Id(context.User) && CurrentUser.Role(context.User) < Role.Admin))
        {
            return ApiProblem.NotFound($"no API key {id}");
        }
        if (!await MayManageAsync(context, grains, key.UserId))
        {
            return ApiProblem.Forbidden("you cannot revoke a key of a user whose role is not below your own");
        }
        await grains.GetGrain<IUserGrain>(key.UserId).RevokeApiKeyAsync(id);
        await audit.RecordAsync(context, "api_key_revoked", id);
        return TypedResults.Ok(OkResponse.Yes);
    }

    public static async Task<Ok<SecuritySettingsResponse>> GetSettings(IGrainFactory grains) =>
        TypedResults.Ok(SecuritySettingsResponse.From(await Security(grains).GetSettingsAsync()));

    public static async Task<Ok<SecuritySettingsResponse>> PutSettings(SecuritySettingsRequest request, HttpContext context, IGrainFactory grains, AuditTrail audit)
    {
        var next = request.ApplyTo(await Security(grains).GetSettingsAsync());
        await Security(grains).SetSettingsAsync(next);
        await audit.RecordAsync(context, "security_settings_changed");
        return TypedResults.Ok(SecuritySettingsResponse.From(next));
    }

    public static async Task<Ok<PasswordPolicyResponse>> GetPasswordPolicy(IGrainFactory grains) =>
        TypedResults.Ok(PasswordPolicyResponse.From(await Security(grains).GetPasswordPolicyAsync()));

    public static async Task<Ok<PasswordPolicyResponse>> PutPasswordPolicy(PasswordPolicyRequest request, HttpContext context, IGrainFactory grains, AuditTrail audit)
    {
        var next = request.ApplyTo(await Security(grains).GetPasswordPolicyAsync());
        await Security(grains).SetPasswordPolicyAsync(next);
        await audit.RecordAsync(context, "password_policy_changed");
        return TypedResults.Ok(PasswordPolicyResponse.From(next));
    }

    public static async Task<Ok<List<SessionResponse>>> ListSessions(HttpContext context, IdentityStore identities, TimeProvider clock) =>
        TypedResults.Ok((await identities.ListActiveSessionsAsync(clock.GetUtcNow(), context.RequestAborted)).Select(SessionResponse.From).ToList());

    public static async Task<Results<Ok<OkResponse>, ProblemHttpResult>> RevokeSession(
        string id, HttpContext context, IdentityStore identities, IGrainFactory grains, TimeProvider clock, AuditTrail audit)
    {
        var session = (await identities.ListActiveSessionsAsync(clock.GetUtcNow(), context.RequestAborted)).FirstOrDefault(s => s.Id == id);
        if (session is null)
        {
            return ApiProblem.NotFound($"no active session {id}");
        }
        if (!await MayManageAsync(context, grains, session.UserId))
        {
            return ApiProblem.Forbidden("you cannot end a session of a user whose role is not below your own");
        }
        if (!await grains.GetGrain<IUserGrain>(session.UserId).EndSessionAsync(id))
        {
            return ApiProblem.NotFound($"no active session {id}");
        }
        await audit.RecordAsync(context, "session_revoked", id);
        return TypedResults.Ok(OkResponse.Yes);
    }

    public static async Task<Ok<IpRulesResponse>> GetIpRules(IGrainFactory grains) =>
        TypedResults.Ok(IpRulesResponse.From(await Security(grains).GetIpRulesAsync()));

    public static async Task<Ok<IpRulesResponse>> PutIpRules(IpRulesRequest request, HttpContext context, IGrainFactory grains, IpRulesGuard guard, AuditTrail audit)
    {
        var rules = request.ToRules();
        await Security(grains).SetIpRulesAsync(rules);
        guard.Apply(rules);
        await audit.RecordAsync(context, "ip_rules_changed", details: $"allow={rules.Allow.Count} block={rules.Block.Count}");
        return TypedResults.Ok(IpRulesResponse.From(rules));
    }
}
