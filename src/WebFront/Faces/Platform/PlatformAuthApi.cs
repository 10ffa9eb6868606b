using Microsoft.AspNetCore.Http.HttpResults;
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
        auth.MapPost("/login", Login).AcceptsJsonUpTo().LimitLoginAttempts().Validate<LoginRequest>()
            .Produces<ErrorResponse>(StatusCodes.Status401Unauthorized).WithName("Login");
        auth.MapPost("/login-form", LoginForm).DisableAntiforgery()
            .Accepts<LoginFormFields>("application/x-www-form-urlencoded", "multipart/form-data")
            .Produces(StatusCodes.Status302Found).ProducesProblem(StatusCodes.Status400BadRequest)
            .Produces<ErrorResponse>(StatusCodes.Status429TooManyRequests).WithName("LoginForm");
        auth.MapPost("/register", Register).AcceptsJsonUpTo().AddEndpointFilter<RegistrationOpenFilter>()
            .Produces<ErrorResponse>(StatusCodes.Status403Forbidden).Validate<RegisterRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict).WithName("Register");
        auth.MapPost("/refresh", Refresh).AcceptsJsonUpTo().Produces<ErrorResponse>(StatusCodes.Status401Unauthorized).WithName("RefreshToken");
        auth.MapGet("/oidc/status", OidcStatus).WithName("OidcStatus");

        var signedIn = auth.MapGroup("").RequireRole(Role.Viewer).AddEndpointFilter<CsrfFilter>();
        signedIn.MapGet("/me", GetMe).WithName("GetMe");
        signedIn.MapPut("/me", UpdateMe).AcceptsJsonUpTo().Validate<UpdateProfileRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict).WithName("UpdateMe");
        signedIn.MapPost("/change-password", ChangePassword).AcceptsJsonUpTo().Produces<ErrorResponse>(StatusCodes.Status400BadRequest)
            .WithName("ChangePassword");
        signedIn.MapPost("/logout", Logout).AcceptsJsonUpTo().WithName("Logout");
        return routes;
    }

    public static async Task<Results<Ok<TokenResponse>, Ok<MfaChallengeResponse>, JsonHttpResult<ErrorResponse>>> Login(
        LoginRequest request, HttpContext context, LoginService logins, TokenService tokens, IGrainFactory grains, AuditTrail audit)
    {
        var account = await logins.CheckPasswordAsync(request.LoginName, request.Password);
        if (account is null)
        {
            await audit.RecordAsync(context, "login_failed", request.LoginName);
            return ErrorResponse.Json(StatusCodes.Status401Unauthorized, "invalid credentials");
        }
        if (account.MfaEnabled)
        {
            var challenge = await grains.GetGrain<IUserGrain>(account.Id).OpenMfaChallengeAsync(TokenService.MfaChallengeLifetime);
            return TypedResults.Ok(new MfaChallengeResponse(true, await tokens.CreateMfaChallengeAsync(account.Id, challenge)));
        }
        await audit.RecordAsync(context, "login", account.Id, actor: account.Id);
        return TypedResults.Ok(await logins.CompletePlatformLoginAsync(context, account));
    }

    /// <summary>A browser form post: cookies on success, then a redirect to a local path (never another site).</summary>
    public static async Task<Results<RedirectHttpResult, ProblemHttpResult, JsonHttpResult<ErrorResponse>>> LoginForm(
        HttpContext context, LoginService logins, LoginThrottle throttle, AuditTrail audit)
    {
        if (!context.Request.HasFormContentType)
        {
            return ApiProblem.BadRequest("send the login as a form");
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var redirect = LocalRedirect.Target(form["redirect"]);
        if (!await throttle.TryAcquireAsync(context.Connection.RemoteIpAddress))
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

    public static async Task<Results<Created<UserResponse>, ProblemHttpResult>> Register(
        RegisterRequest request, HttpContext context, IGrainFactory grains, AuditTrail audit)
    {
        var created = await UserWrites.CreateAsync(grains, request.AsViewer(), Role.Viewer, account => $"/api/v1/users/{account.Id}");
        if (created.Result is Created<UserResponse> { Value: { } account })
        {
            await audit.RecordAsync(context, "user_registered", account.Id, actor: account.Id);
        }
        return created;
    }

    public static async Task<Results<Ok<TokenResponse>, JsonHttpResult<ErrorResponse>>> Refresh(
        RefreshRequest request, IGrainFactory grains, LoginService logins)
    {
        var parts = (request.RefreshToken ?? "").Split('.');
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
    }

    public static Ok<OidcStatusResponse> OidcStatus() => TypedResults.Ok(new OidcStatusResponse(false));

    public static async Task<Results<Ok<UserResponse>, NotFound>> GetMe(HttpContext context, IGrainFactory grains) =>
        await grains.GetGrain<IUserGrain>(CurrentUser.Id(context.User)!).GetAsync() is { } account
            ? TypedResults.Ok(UserResponse.From(account))
            : TypedResults.NotFound();

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> UpdateMe(
        UpdateProfileRequest request, HttpContext context, IGrainFactory grains, AuditTrail audit)
    {
        var id = CurrentUser.Id(context.User)!;
        var result = await UserWrites.UpdateAsync(grains, id, request.AsUserUpdate(), id, CurrentUser.Role(context.User));
        await audit.RecordAsync(context, "profile_updated", id);
        return result;
    }

    public static async Task<Results<Ok<OkResponse>, JsonHttpResult<ErrorResponse>, ProblemHttpResult>> ChangePassword(
        ChangePasswordRequest request, HttpContext context, IGrainFactory grains, AuditTrail audit)
    {
        var user = grains.GetGrain<IUserGrain>(CurrentUser.Id(context.User)!);
        var account = await user.GetAsync();
        if (account is null || !PasswordHasher.Verify(request.CurrentPassword, account.PasswordHash))
        {
            return ErrorResponse.Json(StatusCodes.Status400BadRequest, "current password is wrong");
        }
        var next = request.NewPassword ?? "";
        if (PasswordRules.Check(next, await grains.GetGrain<ISecurityGrain>(0).GetPasswordPolicyAsync()) is { } error)
        {
            return ApiProblem.BadRequest(error);
        }
        await user.UpdateAsync(new UserChanges(PasswordHash: PasswordHasher.Hash(next)));
        await audit.RecordAsync(context, "password_changed", account.Id);
        AuthCookies.Clear(context.Response, AuthCookies.Session, AuthCookies.Csrf);
        return TypedResults.Ok(OkResponse.Yes);
    }

    /// <summary>Ends the caller's login: its cookie session, refresh-token family and access tokens (and a named family).</summary>
    public static async Task<Ok<OkResponse>> Logout(LogoutRequest? request, HttpContext context, IGrainFactory grains, AuditTrail audit)
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
        if (request?.RefreshToken?.Split('.') is [_, var family, _])
        {
            await user.RevokeRefreshTokenAsync(family);
        }
        AuthCookies.Clear(context.Response, AuthCookies.Session, AuthCookies.Csrf);
        await audit.RecordAsync(context, "logout", CurrentUser.Id(context.User));
        return TypedResults.Ok(OkResponse.Yes);
    }

    private static JsonHttpResult<ErrorResponse> InvalidRefresh() => ErrorResponse.Json(StatusCodes.Status401Unauthorized, "invalid refresh token");
}
