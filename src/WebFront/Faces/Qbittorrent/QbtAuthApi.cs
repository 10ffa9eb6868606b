using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Qbittorrent;

/// <summary>
/// <c>auth/login</c> (form <c>username</c>, <c>password</c>: <c>Ok.</c> and a <c>SID</c> session cookie, or
/// <c>Fails.</c>; the shared login throttle refuses with 403 as qBittorrent bans) and <c>auth/logout</c>.
/// </summary>
public static class QbtAuthApi
{
    public const string Banned = "Your IP address has been banned after too many failed authentication attempts.";

    public static IEndpointRouteBuilder MapQbtAuthApi(this IEndpointRouteBuilder routes, string prefix)
    {
        var auth = QbittorrentFace.Group(routes, prefix, "/auth").WithMetadata(new JsonBodyLimit(JsonBodyLimit.DefaultBytes));
        auth.MapPost("/login", Login).Form<QbtLoginForm>().Text().DisableAntiforgery().WithName("QbtLogin");
        auth.MapPost("/logout", Logout).Text().RequireQbtRole(Role.Viewer).DisableAntiforgery().WithName("QbtLogout");
        return routes;
    }

    public static async Task<ContentHttpResult> Login(QbtParams form, HttpContext context, LoginThrottle throttle, LoginService logins, AuditTrail audit)
    {
        if (!await throttle.TryAcquireAsync(context.Connection.RemoteIpAddress))
        {
            return QbtText.Status(StatusCodes.Status403Forbidden, Banned);
        }
        var username = form["username"];
        var account = await logins.CheckPasswordAsync(username, form["password"]);
        if (account is null || account.MfaEnabled)
        {
            await audit.RecordAsync(context, "login_failed", username);
            return QbtText.Ok("Fails.");
        }
        await logins.StartCookieSessionAsync(context, account, QbtAccessFilter.SessionCookie);
        await audit.RecordAsync(context, "login", account.Id, "qbittorrent", account.Id);
        return QbtText.Ok("Ok.");
    }

    public static async Task<ContentHttpResult> Logout(HttpContext context, IGrainFactory grains)
    {
        if (CurrentUser.SessionId(context.User) is { } session)
        {
            await grains.GetGrain<IUserGrain>(CurrentUser.Id(context.User)!).EndSessionAsync(session);
        }
        AuthCookies.Clear(context.Response, QbtAccessFilter.SessionCookie);
        return QbtText.Ok();
    }
}
