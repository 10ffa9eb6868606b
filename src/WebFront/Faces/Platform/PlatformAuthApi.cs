using System.Text.Json;
using Swarmgrid.GrainInterfaces.Security;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Platform;

/// <summary>The platform and fleet seeds' <c>/auth</c> routes: login, register, refresh, me, change-password, logout, login-form.</summary>
public static class PlatformAuthApi
{
    public static IEndpointRouteBuilder MapPlatformAuthApi(this IEndpointRouteBuilder routes, string prefix)
    {
        var auth = routes.MapGroup($"{prefix}/auth").WithTags("Auth");
        auth.MapPost("/login", Login).WithName("Login");
        auth.MapPost("/login-form", LoginForm).WithName("LoginForm").DisableAntiforgery();
        auth.MapPost("/register", Register).WithName("Register");
        auth.MapPost("/refresh", Refresh).WithName("RefreshToken");
        auth.MapGet("/oidc/status", () => TypedResults.Ok(new { enabled = false })).WithName("OidcStatus");

        var signedIn = auth.MapGroup("").RequireRole(Role.Viewer).AddEndpointFilter<CsrfFilter>();
        signedIn.MapGet("/me", GetMe).WithName("GetMe");
        signedIn.MapPut("/me", UpdateMe).WithName("UpdateMe");
        signedIn.MapPost("/change-password", ChangePassword).WithName("ChangePassword");
        signedIn.MapPost("/logout", Logout).WithName("Logout");
        return routes;
    }

    public static async Task<IResult> Login(HttpContext context, LoginService logins, LoginThrottle throttle, TokenService tokens,
        IGrainFactory grains, AuditTrail audit)
    {
        if (!throttle.TryAcquire(context.Connection.RemoteIpAddress))
        {
            return LoginThrottle.Refusal(context);
        }
        return await JsonBody.WithObjectAsync(context.Request, async json =>
        {
            if (!LoginService.TryReadCredentials(json, out var login, out var password, "email", "username", "login"))
            {
                return LoginService.MalformedLogin();
            }
            var account = await logins.CheckPasswordAsync(login, password);
            if (account is null)
            {
                await audit.RecordAsync(context, "login_failed", login);
                return TypedResults.Json(new { error = "invalid credentials" }, statusCode: StatusCodes.Status401Unauthorized);
            }
            if (account.MfaEnabled)
            {
                var challenge = await grains.GetGrain<IUserGrain>(account.Id).OpenMfaChallengeAsync(TokenService.MfaChallengeLifetime);
                return TypedResults.Ok(new MfaChallengeResponse(true, await tokens.CreateMfaChallengeAsync(account.Id, challenge)));
            }
            await audit.RecordAsync(context, "login", account.Id, actor: account.Id);
            return TypedResults.Ok(await logins.CompletePlatformLoginAsync(context, account));
        });
    }

    /// <summary>A browser form post: cookies on success, then a redirect to a local path (never another site).</summary>
    public static async Task<IResult> LoginForm(HttpContext context, LoginService logins, LoginThrottle throttle, AuditTrail audit)
    {
        if (!context.Request.HasFormContentType)
        {
            return ApiProblem.BadRequest("send the login as a form");
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var redirect = LocalRedirect.Target(form["redirect"]);
        if (!throttle.TryAcquire(context.Connection.RemoteIpAddress))
        {
            return LoginThrottle.Refusal(context);
        }
        var login = form["email"].ToString() is { Length: > 0 } email ? email : form["username"].ToString();
        var account = await logins.CheckPasswordAsync(login, form["password"].ToString());
        if (account is null || account.MfaEnabled)
        {
            await audit.RecordAsync(context, "login_failed", login);
            return TypedResults.Redirect($"/login?error={(account is null ? "invalid" : "mfa_required")}");
        }
        await logins.CompletePlatformLoginAsync(context, account);
        await audit.RecordAsync(context, "login", account.Id, actor: account.Id);
        return TypedResults.Redirect(redirect);
    }

    public static async Task<IResult> Register(HttpContext context, LoginService logins, IGrainFactory grains, IConfiguration configuration, AuditTrail audit)
    {
        var enabled = (await logins.SettingsAsync()).RegistrationEnabled || configuration.GetValue("Auth:AllowRegistration", false);
        if (!enabled)
        {
            return TypedResults.Json(new { error = "registration is disabled" }, statusCode: StatusCodes.Status403Forbidden);
        }
        return await JsonBody.WithObjectAsync(context.Request, async json =>
        {
            var result = await UserWrites.CreateAsync(grains, json, Role.Viewer, allowRole: false);
            if (result.Account is { } account)
            {
                await audit.RecordAsync(context, "user_registered", account.Id, actor: account.Id);
                return TypedResults.Created($"/api/v1/users/{account.Id}", UserResponse.From(account));
            }
            return result.Problem!;
        });
    }

    public static async Task<IResult> Refresh(HttpContext context, IGrainFactory grains, LoginService logins)
    {
        return await JsonBody.WithObjectAsync(context.Request, async json =>
        {
            var parts = (JsonFields.Text(json, "refresh_token") ?? "").Split('.');
            if (parts.Length != 3)
            {
                return InvalidRefresh();
            }
            var user = grains.GetGrain<IUserGrain>(parts[0]);
            var lifetime = TimeSpan.FromDays((await logins.SettingsAsync()).RefreshTokenDays);
            if (await user.RotateRefreshTokenAsync(parts[1], parts[2], lifetime) is not { } next || await user.GetAsync() is not { } account)
            {
                return InvalidRefresh();
            }
            return TypedResults.Ok(await logins.IssueTokensAsync(account, next));
        });
    }

    public static async Task<IResult> GetMe(HttpContext context, IGrainFactory grains) =>
        await grains.GetGrain<IUserGrain>(CurrentUser.Id(context.User)!).GetAsync() is { } account
            ? TypedResults.Ok(UserResponse.From(account))
            : TypedResults.NotFound();

    public static async Task<IResult> UpdateMe(HttpContext context, IGrainFactory grains, AuditTrail audit)
    {
        return await JsonBody.WithObjectAsync(context.Request, async json =>
        {
            var id = CurrentUser.Id(context.User)!;
            var result = await UserWrites.UpdateAsync(grains, id, json, allowRole: false, id, CurrentUser.Role(context.User));
            await audit.RecordAsync(context, "profile_updated", id);
            return result;
        });
    }

    public static async Task<IResult> ChangePassword(HttpContext context, IGrainFactory grains, AuditTrail audit)
    {
        return await JsonBody.WithObjectAsync(context.Request, async json =>
        {
            var user = grains.GetGrain<IUserGrain>(CurrentUser.Id(context.User)!);
            var account = await user.GetAsync();
            if (account is null || !PasswordHasher.Verify(JsonFields.Text(json, "current_password"), account.PasswordHash))
            {
                return TypedResults.Json(new { error = "current password is wrong" }, statusCode: StatusCodes.Status400BadRequest);
            }
            var next = JsonFields.Text(json, "new_password") ?? "";
            if (PasswordRules.Check(next, await grains.GetGrain<ISecurityGrain>(0).GetPasswordPolicyAsync()) is { } error)
            {
                return ApiProblem.BadRequest(error);
            }
            await user.UpdateAsync(new UserChanges(PasswordHash: PasswordHasher.Hash(next)));
            await audit.RecordAsync(context, "password_changed", account.Id);
            AuthCookies.Clear(context.Response, AuthCookies.Session, AuthCookies.Csrf);
            return TypedResults.Ok(OkResponse.Yes);
        });
    }

    /// <summary>Ends the caller's login: its cookie session, refresh-token family and access tokens (and a named family).</summary>
    public static async Task<IResult> Logout(HttpContext context, IGrainFactory grains, AuditTrail audit)
    {
        var user = grains.GetGrain<IUserGrain>(CurrentUser.Id(context.User)!);
        if (CurrentUser.SessionId(context.User) is { } session)
        {
            await user.EndSessionAsync(session);
        }
        if (CurrentUser.LoginId(context.User) is { } login)
        {
            await user.RevokeRefreshTokenAsync(login);
        }
        if (context.Request.ContentLength > 0)
        {
            var (document, _) = await JsonBody.ReadAsync(context.Request, context.RequestAborted);
            using (document)
            {
                if (document is not null && JsonFields.Text(document.RootElement, "refresh_token")?.Split('.') is [_, var family, _])
                {
                    await user.RevokeRefreshTokenAsync(family);
                }
            }
        }
        AuthCookies.Clear(context.Response, AuthCookies.Session, AuthCookies.Csrf);
        await audit.RecordAsync(context, "logout", CurrentUser.Id(context.User));
        return TypedResults.Ok(OkResponse.Yes);
    }

    private static IResult InvalidRefresh() =>
        TypedResults.Json(new { error = "invalid refresh token" }, statusCode: StatusCodes.Status401Unauthorized);
}
