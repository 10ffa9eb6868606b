using System.Text.Json.Serialization;
using Swarmgrid.Data.Identity;
using Swarmgrid.GrainInterfaces.Client;
using Swarmgrid.GrainInterfaces.Security;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Client;

/// <summary>
/// The client (Mosaic) face's authentication: <c>login</c> with the <c>mosaic_session</c> cookie, <c>logout</c>, and
/// the web-interface settings (password, API key rotation, username). State changes pass its OriginGuard.
/// </summary>
public static class ClientAuthApi
{
    public static IEndpointRouteBuilder MapClientAuthApi(this IEndpointRouteBuilder routes, string prefix)
    {
        var client = routes.MapGroup(prefix).WithTags("Client");
        client.MapPost("/login", Login).WithName("ClientLogin");
        var gated = client.MapGroup("").RequireRole(Role.Viewer).AddEndpointFilter<OriginGuardFilter>();
        gated.MapPost("/logout", Logout).WithName("ClientLogout");
        var admin = client.MapGroup("/settings/web").RequireRole(Role.Admin).AddEndpointFilter<OriginGuardFilter>();
        admin.MapGet("", GetWeb).WithName("ClientGetWeb");
        admin.MapPut("", PutWeb).WithName("ClientPutWeb");
        admin.MapPut("/password", PutPassword).WithName("ClientPutPassword");
        admin.MapPost("/api_key/rotate", RotateApiKey).WithName("ClientRotateApiKey");
        return routes;
    }

    public static async Task<IResult> Login(HttpContext context, LoginService logins, LoginThrottle throttle, AuditTrail audit)
    {
        if (!throttle.TryAcquire(context.Connection.RemoteIpAddress))
        {
            return LoginThrottle.Refusal(context);
        }
        return await JsonBody.WithObjectAsync(context.Request, async json =>
        {
            if (!LoginService.TryReadCredentials(json, out var login, out var password, "username"))
            {
                return LoginService.MalformedLogin();
            }
            var account = await logins.CheckPasswordAsync(login, password);
            if (account is null || account.MfaEnabled)
            {
                await audit.RecordAsync(context, "login_failed", login);
                return TypedResults.Json(new { error = "invalid credentials" }, statusCode: StatusCodes.Status401Unauthorized);
            }
            await logins.StartCookieSessionAsync(context, account, AuthCookies.ClientSession);
            await audit.RecordAsync(context, "login", account.Id, "client", account.Id);
            return TypedResults.Ok(OkResponse.Yes);
        });
    }

    public static async Task<IResult> Logout(HttpContext context, IGrainFactory grains)
    {
        if (CurrentUser.SessionId(context.User) is { } session)
        {
            await grains.GetGrain<IUserGrain>(CurrentUser.Id(context.User)!).EndSessionAsync(session);
        }
        AuthCookies.Clear(context.Response, AuthCookies.ClientSession);
        return TypedResults.Ok(OkResponse.Yes);
    }

    public static async Task<IResult> GetWeb(HttpContext context, IGrainFactory grains, SecretProtector protector)
    {
        var web = await grains.GetGrain<IClientWebGrain>(0).GetAsync();
        return TypedResults.Ok(new WebConfigResponse(web.Enabled, web.Port, web.BindAll, CurrentUser.Name(context.User),
            web.ProtectedApiKey is { } key ? protector.Unprotect(key) : ""));
    }

    public static async Task<IResult> PutWeb(HttpContext context, IGrainFactory grains, AuditTrail audit)
    {
        return await JsonBody.WithObjectAsync(context.Request, async json =>
        {
            var current = await grains.GetGrain<IClientWebGrain>(0).GetAsync();
            var port = JsonFields.Number(json, "port") ?? current.Port;
            if (port is < 1 or > 65535)
            {
                return ApiProblem.BadRequest("port must be from 1 to 65535");
            }
            await grains.GetGrain<IClientWebGrain>(0).SetAsync(JsonFields.Flag(json, "enabled") ?? current.Enabled, port,
                JsonFields.Flag(json, "bind_all") ?? current.BindAll);
            if (JsonFields.Text(json, "username")?.Trim() is { Length: > 0 } username && username != CurrentUser.Name(context.User))
            {
                var status = await grains.GetGrain<IUserGrain>(CurrentUser.Id(context.User)!).UpdateAsync(new UserChanges(Username: username));
                if (status == UserWriteStatus.NameOrEmailTaken)
                {
                    return ApiProblem.Conflict("username already in use");
                }
                AuthCookies.Clear(context.Response, AuthCookies.ClientSession);
            }
            await audit.RecordAsync(context, "client_web_settings_changed");
            return TypedResults.Ok(OkResponse.Yes);
        });
    }

    public static async Task<IResult> PutPassword(HttpContext context, IGrainFactory grains, AuditTrail audit)
    {
        return await JsonBody.WithObjectAsync(context.Request, async json =>
        {
            var password = JsonFields.Text(json, "password");
            if (string.IsNullOrEmpty(password))
            {
                return ApiProblem.BadRequest("password is required");
            }
            if (PasswordRules.Check(password, await grains.GetGrain<ISecurityGrain>(0).GetPasswordPolicyAsync()) is { } weak)
            {
                return ApiProblem.BadRequest(weak);
            }
            await grains.GetGrain<IUserGrain>(CurrentUser.Id(context.User)!).UpdateAsync(new UserChanges(PasswordHash: PasswordHasher.Hash(password)));
            AuthCookies.Clear(context.Response, AuthCookies.ClientSession);
            await audit.RecordAsync(context, "password_changed", CurrentUser.Id(context.User), "client");
            return TypedResults.Ok(OkResponse.Yes);
        });
    }

    /// <summary>32 random bytes, base64url without padding; the previous client key stops working.</summary>
    public static async Task<IResult> RotateApiKey(HttpContext context, IGrainFactory grains, SecretProtector protector, AuditTrail audit)
    {
        var user = grains.GetGrain<IUserGrain>(CurrentUser.Id(context.User)!);
        var issued = await user.CreateApiKeyAsync("client-web", keyPrefix: "");
        var key = issued.Secret;
        var previous = await grains.GetGrain<IClientWebGrain>(0).ReplaceApiKeyAsync(issued.Id, protector.Protect(key));
        if (previous is not null)
        {
            await user.RevokeApiKeyAsync(previous);
        }
        await audit.RecordAsync(context, "api_key_rotated", issued.Id, "client");
        return TypedResults.Ok(new { api_key = key });
    }
}

public sealed record WebConfigResponse(
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("bind_all")] bool BindAll,
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("api_key")] string ApiKey);
