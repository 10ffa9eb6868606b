using System.Net;
using System.Text.Json;
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
        keys.MapPost("", CreateApiKey).WithName("CreateApiKey");
        keys.MapDelete("/{id}", RevokeApiKey).WithName("RevokeApiKey");

        var admin = routes.MapGroup($"{prefix}/security").WithTags("Security").RequireRole(Role.Admin).AddEndpointFilter<CsrfFilter>();
        admin.MapGet("", async (IGrainFactory grains) => TypedResults.Ok(await Security(grains).GetSettingsAsync())).WithName("GetSecurity");
        admin.MapPut("", PutSettings).WithName("PutSecurity");
        admin.MapGet("/password-policy", async (IGrainFactory grains) => TypedResults.Ok(await Security(grains).GetPasswordPolicyAsync()))
            .WithName("GetPasswordPolicy");
        admin.MapPut("/password-policy", PutPasswordPolicy).WithName("PutPasswordPolicy");
        admin.MapGet("/sessions", ListSessions).WithName("ListSessions");
        admin.MapDelete("/sessions/{id}", RevokeSession).WithName("RevokeSession");
        admin.MapGet("/ip-rules", async (IGrainFactory grains) => TypedResults.Ok(ToResponse(await Security(grains).GetIpRulesAsync())))
            .WithName("GetIpRules");
        admin.MapPut("/ip-rules", PutIpRules).WithName("PutIpRules");
        return routes;
    }

    private static ISecurityGrain Security(IGrainFactory grains) => grains.GetGrain<ISecurityGrain>(0);

    private static async Task<bool> MayManageAsync(HttpContext context, IGrainFactory grains, string ownerId) =>
        await grains.GetGrain<IUserGrain>(ownerId).GetAsync() is not { } owner
        || Ranks.MayManage(CurrentUser.Id(context.User), CurrentUser.Role(context.User), owner.Id, owner.Role);

    public static async Task<IResult> ListApiKeys(HttpContext context, IdentityStore identities)
    {
        var mine = CurrentUser.Role(context.User) >= Role.Admin && context.Request.Query["all"] == "true" ? null : CurrentUser.Id(context.User);
        var keys = await identities.ListApiKeysAsync(mine, context.RequestAborted);
        return TypedResults.Ok(keys.Select(k => new
        {
            id = k.Id, name = k.Name, prefix = k.Prefix, user_id = k.UserId, created_at = IsoTime.Format(k.CreatedAt),
            revoked_at = k.RevokedAt is { } revoked ? IsoTime.Format(revoked) : null,
        }));
    }

    public static async Task<IResult> CreateApiKey(HttpContext context, IGrainFactory grains, AuditTrail audit)
    {
        return await JsonBody.WithObjectAsync(context.Request, async json =>
        {
            var name = JsonFields.Text(json, "name")?.Trim();
            if (string.IsNullOrEmpty(name) || name.Length > 200)
            {
                return ApiProblem.BadRequest("name is required (at most 200 characters)");
            }
            var userId = CurrentUser.Id(context.User)!;
            var issued = await grains.GetGrain<IUserGrain>(userId).CreateApiKeyAsync(name, "sgk_");
            await audit.RecordAsync(context, "api_key_created", issued.Id, $"name={name}");
            return TypedResults.Created($"{context.Request.Path}/{issued.Id}", new { id = issued.Id, name, key = issued.Secret });
        });
    }

    public static async Task<IResult> RevokeApiKey(string id, HttpContext context, IdentityStore identities, IGrainFactory grains, AuditTrail audit)
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

    public static async Task<IResult> PutSettings(HttpContext context, IGrainFactory grains, AuditTrail audit)
    {
        return await JsonBody.WithObjectAsync(context.Request, async json =>
        {
            var current = await Security(grains).GetSettingsAsync();
            var next = current with
            {
                SessionLifetimeHours = JsonFields.Number(json, "SessionLifetimeHours") ?? JsonFields.Number(json, "session_lifetime_hours") ?? current.SessionLifetimeHours,
                AccessTokenMinutes = JsonFields.Number(json, "AccessTokenMinutes") ?? JsonFields.Number(json, "access_token_minutes") ?? current.AccessTokenMinutes,
                RefreshTokenDays = JsonFields.Number(json, "RefreshTokenDays") ?? JsonFields.Number(json, "refresh_token_days") ?? current.RefreshTokenDays,
                RegistrationEnabled = JsonFields.Flag(json, "RegistrationEnabled") ?? JsonFields.Flag(json, "registration_enabled") ?? current.RegistrationEnabled,
            };
            if (next.SessionLifetimeHours is < 1 or > 24 * 90 || next.AccessTokenMinutes is < 1 or > 24 * 60 || next.RefreshTokenDays is < 1 or > 365)
            {
                return ApiProblem.BadRequest("lifetimes out of range");
            }
            await Security(grains).SetSettingsAsync(next);
            await audit.RecordAsync(context, "security_settings_changed");
            return TypedResults.Ok(next);
        });
    }

    public static async Task<IResult> PutPasswordPolicy(HttpContext context, IGrainFactory grains, AuditTrail audit)
    {
        return await JsonBody.WithObjectAsync(context.Request, async json =>
        {
            var current = await Security(grains).GetPasswordPolicyAsync();
            var next = new PasswordPolicy(
                JsonFields.Number(json, "MinLength") ?? JsonFields.Number(json, "min_length") ?? current.MinLength,
                JsonFields.Flag(json, "RequireUppercase") ?? JsonFields.Flag(json, "require_uppercase") ?? current.RequireUppercase,
                JsonFields.Flag(json, "RequireLowercase") ?? JsonFields.Flag(json, "require_lowercase") ?? current.RequireLowercase,
                JsonFields.Flag(json, "RequireDigit") ?? JsonFields.Flag(json, "require_digit") ?? current.RequireDigit,
                JsonFields.Flag(json, "RequireSymbol") ?? JsonFields.Flag(json, "require_symbol") ?? current.RequireSymbol);
            if (next.MinLength is < 8 or > 256)
            {
                return ApiProblem.BadRequest("min_length must be from 8 to 256");
            }
            await Security(grains).SetPasswordPolicyAsync(next);
            await audit.RecordAsync(context, "password_policy_changed");
            return TypedResults.Ok(next);
        });
    }

    public static async Task<IResult> ListSessions(HttpContext context, IdentityStore identities, TimeProvider clock) =>
        TypedResults.Ok((await identities.ListActiveSessionsAsync(clock.GetUtcNow(), context.RequestAborted)).Select(s => new
        {
            id = s.Id, user_id = s.UserId, kind = s.Kind, ip = s.Ip, user_agent = s.UserAgent,
            created_at = IsoTime.Format(s.CreatedAt), expires_at = IsoTime.Format(s.ExpiresAt),
        }));

    public static async Task<IResult> RevokeSession(string id, HttpContext context, IdentityStore identities, IGrainFactory grains, TimeProvider clock, AuditTrail audit)
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

    public static async Task<IResult> PutIpRules(HttpContext context, IGrainFactory grains, IpRulesGuard guard, AuditTrail audit)
    {
        return await JsonBody.WithObjectAsync(context.Request, async json =>
        {
            if (!TryRanges(json, "allow", out var allow) || !TryRanges(json, "block", out var block))
            {
                return ApiProblem.BadRequest("allow and block must be lists of IP addresses or CIDR ranges");
            }
            var rules = new IpRules(allow, block);
            await Security(grains).SetIpRulesAsync(rules);
            guard.Apply(rules);
            await audit.RecordAsync(context, "ip_rules_changed", details: $"allow={allow.Count} block={block.Count}");
            return TypedResults.Ok(ToResponse(rules));
        });
    }

    private static object ToResponse(IpRules rules) => new { allow = rules.Allow, block = rules.Block };

    private static bool TryRanges(JsonElement body, string name, out List<string> ranges)
    {
        ranges = [];
        if (!body.TryGetProperty(name, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (list.ValueKind != JsonValueKind.Array)
        {
            return false;
        }
        foreach (var item in list.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : "";
            if (!IpRanges.TryParse(text, out _))
            {
                return false;
            }
            ranges.Add(text);
        }
        return true;
    }
}
