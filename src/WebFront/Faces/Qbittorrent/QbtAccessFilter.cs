using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Qbittorrent;

/// <summary>
/// Who may call a qBittorrent route: a caller the shared identity system already knows (bearer JWT or API key, a
/// Swarmgrid session cookie), the face's own <c>SID</c> session cookie, or HTTP Basic credentials (each Basic check
/// spends one of the caller's login attempts, as a login does). Anyone else, or a caller below the route's role, gets
/// qBittorrent's <c>403 Forbidden</c>.
/// </summary>
public sealed class QbtAccessFilter(Role role) : IEndpointFilter
{
    public const string SessionCookie = "SID";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated != true && await IdentifyAsync(http) is { } user)
        {
            http.User = user;
        }
        return http.User.Identity?.IsAuthenticated == true && CurrentUser.Role(http.User) >= role
            ? await next(context)
            : QbtText.Forbidden();
    }

    private static async Task<ClaimsPrincipal?> IdentifyAsync(HttpContext http)
    {
        var grains = http.RequestServices.GetRequiredService<IGrainFactory>();
        if (http.Request.Cookies.TryGetValue(SessionCookie, out var cookie)
            && AuthCookies.TryParse(cookie, out var userId, out var sessionId, out var secret))
        {
            var check = await grains.GetGrain<IUserGrain>(userId).CheckSessionAsync(sessionId, secret);
            if (check.Valid)
            {
                return Principal(userId, check.Username, check.Role, AuthMethod.Session, sessionId);
            }
        }
        if (AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header)
            && header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && Decode(header.Parameter) is var (name, password))
        {
            var throttle = http.RequestServices.GetRequiredService<LoginThrottle>();
            if (!await throttle.TryAcquireAsync(http.Connection.RemoteIpAddress))
            {
                return null;
            }
            var account = await http.RequestServices.GetRequiredService<LoginService>().CheckPasswordAsync(name, password);
            if (account is { MfaEnabled: false })
            {
                return Principal(account.Id, account.Username, account.Role, "basic", null);
            }
        }
        return null;
    }

    private static (string Name, string Password)? Decode(string? parameter)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(parameter ?? ""));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 ? (text[..colon], text[(colon + 1)..]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static ClaimsPrincipal Principal(string userId, string username, Role role, string method, string? sessionId)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, userId),
            new(ClaimTypes.Name, username),
            new(ClaimTypes.Role, Roles.Name(role)),
            new(AuthMethod.ClaimType, method),
        };
        if (sessionId is not null)
        {
            claims.Add(new Claim(AuthMethod.SessionIdClaim, sessionId));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "qbittorrent"));
    }
}

/// <summary>
/// qBittorrent's CSRF protection: a request whose <c>Origin</c> (or else <c>Referer</c>) names another site than its
/// <c>Host</c> is refused with 401, whoever sends it; a request with neither passes (non-browser clients send neither).
/// </summary>
public sealed class QbtCsrfFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        SameOrigin.Holds(context.HttpContext.Request)
            ? await next(context)
            : QbtText.Status(StatusCodes.Status401Unauthorized, "Unauthorized");
}

public static class QbtAccessExtensions
{
    /// <summary>Signed in (by any of the face's ways) with at least <paramref name="role"/>, else 403 <c>Forbidden</c>.</summary>
    public static TBuilder RequireQbtRole<TBuilder>(this TBuilder builder, Role role) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new QbtAccessFilter(role));
}
