using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Swarmgrid.Data.Identity;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;

namespace Swarmgrid.Identity;

/// <summary>
/// One identity for every face: a bearer JWT, a bearer API key (or <c>?key=</c> on WebSocket routes), or a session
/// cookie (<c>sg_session</c> or the client face's <c>mosaic_session</c>). Each resolves to the same user grain.
/// </summary>
public sealed class SwarmgridAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenService tokens,
    IdentityStore identities,
    IGrainFactory grains) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "swarmgrid";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization[7..].Trim();
            return token.Count(c => c == '.') == 2 ? await FromJwtAsync(token) : await FromApiKeyAsync(token);
        }
        // Browsers cannot set headers on WebSocket and EventSource requests: hubs and sockets take the token in the query.
        if (IsRealtimePath(Request.Path))
        {
            if (Request.Query["access_token"] is { Count: 1 } accessToken)
            {
                var token = accessToken.ToString();
                return token.Count(c => c == '.') == 2 ? await FromJwtAsync(token) : await FromApiKeyAsync(token);
            }
            if (Request.Query["key"] is { Count: 1 } key)
            {
                return await FromApiKeyAsync(key.ToString());
            }
        }
        // Torznab clients (Prowlarr, Sonarr, Radarr) send their key as the apikey parameter.
        if (Request.Path.Value?.EndsWith("/torznab/api", StringComparison.Ordinal) == true && Request.Query["apikey"] is { Count: 1 } apiKey)
        {
            return await FromApiKeyAsync(apiKey.ToString());
        }
        foreach (var cookie in new[] { AuthCookies.Session, AuthCookies.ClientSession })
        {
            if (Request.Cookies.TryGetValue(cookie, out var value))
            {
                return await FromSessionAsync(value);
            }
        }
        return AuthenticateResult.NoResult();
    }

    /// <summary>A signed, unexpired token whose login still stands: logout, a password change or a disabled account end it at once.</summary>
    private static bool IsRealtimePath(PathString path) =>
        path.StartsWithSegments("/hubs") || path.Value?.EndsWith("/ws", StringComparison.Ordinal) == true || path.StartsWithSegments("/ws");

    private async Task<AuthenticateResult> FromJwtAsync(string token)
    {
        if (await tokens.ValidateAccessTokenAsync(token) is not var (userId, loginId))
        {
            return AuthenticateResult.Fail("invalid or expired token");
        }
        var check = await grains.GetGrain<IUserGrain>(userId).CheckTokenSessionAsync(loginId);
        return check.Valid
            ? Success(userId, check.Username, check.Role, AuthMethod.Jwt, null, loginId)
            : AuthenticateResult.Fail("token revoked");
    }

    private async Task<AuthenticateResult> FromApiKeyAsync(string key)
    {
        if (await identities.FindApiKeyAsync(SecretHash.Of(key)) is not { } found)
        {
            return AuthenticateResult.Fail("invalid API key");
        }
        var account = await grains.GetGrain<IUserGrain>(found.UserId).GetAsync();
        return account is { Disabled: false }
            ? Success(account.Id, account.Username, account.Role, AuthMethod.ApiKey, null)
            : AuthenticateResult.Fail("unknown or disabled user");
    }

    private async Task<AuthenticateResult> FromSessionAsync(string cookie)
    {
        if (!AuthCookies.TryParse(cookie, out var userId, out var sessionId, out var secret))
        {
            return AuthenticateResult.Fail("malformed session cookie");
        }
        var check = await grains.GetGrain<IUserGrain>(userId).CheckSessionAsync(sessionId, secret);
        return check.Valid
            ? Success(userId, check.Username, check.Role, AuthMethod.Session, sessionId)
            : AuthenticateResult.Fail("session expired or revoked");
    }

    private AuthenticateResult Success(string userId, string username, Role role, string method, string? sessionId, string? loginId = null)
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
        if (loginId is not null)
        {
            claims.Add(new Claim(AuthMethod.LoginIdClaim, loginId));
        }
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteErrorAsync(StatusCodes.Status401Unauthorized, "authentication required");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteErrorAsync(StatusCodes.Status403Forbidden, "forbidden");

    private Task WriteErrorAsync(int status, string message)
    {
        Response.StatusCode = status;
        return Response.WriteAsJsonAsync(new ErrorResponse(message));
    }
}
