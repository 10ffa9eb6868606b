using Microsoft.AspNetCore.Http.HttpResults;
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
        client.MapPost("/login", Login).AcceptsJsonUpTo().LimitLoginAttempts().Validate<ClientLoginRequest>()
            .Produces<ErrorResponse>(StatusCodes.Status401Unauthorized).WithName("ClientLogin");
        var gated = client.MapGroup("").RequireRole(Role.Viewer).AddEndpointFilter<OriginGuardFilter>();
        gated.MapPost("/logout", Logout).WithName("ClientLogout");
        var admin = client.MapGroup("/settings/web").RequireRole(Role.Admin).AddEndpointFilter<OriginGuardFilter>();
        admin.MapGet("", GetWeb).WithName("ClientGetWeb");
        admin.MapPut("", PutWeb).AcceptsJsonUpTo().Validate<ClientWebRequest>().ProducesProblem(StatusCodes.Status409Conflict).WithName("ClientPutWeb");
        admin.MapPut("/password", PutPassword).AcceptsJsonUpTo().Validate<PasswordRequest>().WithName("ClientPutPassword");
        admin.MapPost("/api_key/rotate", RotateApiKey).WithName("ClientRotateApiKey");
        return routes;
    }

    public static async Task<Results<Ok<OkResponse>, JsonHttpResult<ErrorResponse>>> Login(
        ClientLoginRequest request, HttpContext context, LoginService logins, AuditTrail audit)
    {
        var account = await logins.CheckPasswordAsync(request.Username, request.Password);
        if (account is null || account.MfaEnabled)
        {
            await audit.RecordAsync(context, "login_failed", request.Username);
            return ErrorResponse.Json(StatusCodes.Status401Unauthorized, "invalid credentials");
        }
        await logins.StartCookieSessionAsync(context, account, AuthCookies.ClientSession);
        await audit.RecordAsync(context, "login", account.Id, "client", account.Id);
        return TypedResults.Ok(OkResponse.Yes);
    }

    public static async Task<Ok<OkResponse>> Logout(HttpContext context, IGrainFactory grains)
    {
        if (CurrentUser.SessionId(context.User) is { } session)
        {
            await grains.GetGrain<IUserGrain>(CurrentUser.Id(context.User)!).EndSessionAsync(session);
        }
        AuthCookies.Clear(context.Response, AuthCookies.ClientSession);
        return TypedResults.Ok(OkResponse.Yes);
    }

    public static async Task<Ok<WebConfigResponse>> GetWeb(HttpContext context, IGrainFactory grains, SecretProtector protector)
    {
        var web = await grains.GetGrain<IClientWebGrain>(0).GetAsync();
        return TypedResults.Ok(new WebConfigResponse(web.Enabled, web.Port, web.BindAll, CurrentUser.Name(context.User),
            web.ProtectedApiKey is { } key ? protector.Unprotect(key) : ""));
    }

    public static async Task<Results<Ok<OkResponse>, ProblemHttpResult>> PutWeb(
        ClientWebRequest request, HttpContext context, IGrainFactory grains, AuditTrail audit)
    {
        var current = await grains.GetGrain<IClientWebGrain>(0).GetAsync();
        await grains.GetGrain<IClientWebGrain>(0).SetAsync(request.Enabled ?? current.Enabled, request.Port ?? current.Port,
            request.BindAll ?? current.BindAll);
        if (request.Username?.Trim() is { Length: > 0 } username && username != CurrentUser.Name(context.User))
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
    }

    public static async Task<Results<Ok<OkResponse>, ProblemHttpResult>> PutPassword(
        PasswordRequest request, HttpContext context, IGrainFactory grains, AuditTrail audit)
    {
        var password = request.Password!;
        if (PasswordRules.Check(password, await grains.GetGrain<ISecurityGrain>(0).GetPasswordPolicyAsync()) is { } weak)
        {
            return ApiProblem.BadRequest(weak);
        }
        await grains.GetGrain<IUserGrain>(CurrentUser.Id(context.User)!).UpdateAsync(new UserChanges(PasswordHash: PasswordHasher.Hash(password)));
        AuthCookies.Clear(context.Response, AuthCookies.ClientSession);
        await audit.RecordAsync(context, "password_changed", CurrentUser.Id(context.User), "client");
        return TypedResults.Ok(OkResponse.Yes);
    }

    /// <summary>32 random bytes, base64url without padding; the previous client key stops working.</summary>
    public static async Task<Ok<RotatedApiKeyResponse>> RotateApiKey(HttpContext context, IGrainFactory grains, SecretProtector protector, AuditTrail audit)
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
        return TypedResults.Ok(new RotatedApiKeyResponse(key));
    }
}
