using Swarmgrid.Data.Identity;
using Swarmgrid.GrainInterfaces.Security;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;

namespace Swarmgrid.Identity;

/// <summary>What every login path shares: finding and checking the user, then issuing sessions and tokens.</summary>
public sealed class LoginService(IdentityStore identities, IGrainFactory grains, TokenService tokens, CsrfTokens csrf)
{
    /// <summary>The account when the password is right and the account enabled; the same cost either way.</summary>
    public async Task<UserAccount?> CheckPasswordAsync(string? login, string? password)
    {
        if (string.IsNullOrEmpty(login) || string.IsNullOrEmpty(password))
        {
            PasswordHasher.Verify(password, null);
            return null;
        }
        var record = await identities.FindByLoginAsync(login);
        var account = record is null ? null : await grains.GetGrain<IUserGrain>(record.Id).GetAsync();
        var valid = PasswordHasher.Verify(password, account?.PasswordHash);
        return valid && account is { Disabled: false } ? account : null;
    }

    public const string MalformedLogin = "username and password are required, as non-empty strings";

    /// <summary>
    /// True when a login body gave both a login name and a password as non-empty strings (a field that is not a string
    /// reads as null); otherwise false, after the time of a real password check, so a malformed login costs what a
    /// wrong one does before its 400.
    /// </summary>
    public static bool CredentialsGiven(string? login, string? password)
    {
        if (!string.IsNullOrEmpty(login) && !string.IsNullOrEmpty(password))
        {
            return true;
        }
        PasswordHasher.Verify(null, null);
        return false;
    }

    /// <summary>The first of a login body's name fields that is a non-empty string (the seeds name it differently).</summary>
    public static string? FirstLoginName(params string?[] names) => names.FirstOrDefault(name => !string.IsNullOrEmpty(name));

    public async Task<SecuritySettings> SettingsAsync() => await grains.GetGrain<ISecurityGrain>(0).GetSettingsAsync();

    /// <summary>Starts a cookie session (and, for the platform, its CSRF cookie); returns the session id.</summary>
    public async Task<string> StartCookieSessionAsync(HttpContext context, UserAccount account, string cookieName)
    {
        var lifetime = TimeSpan.FromHours((await SettingsAsync()).SessionLifetimeHours);
        var session = await grains.GetGrain<IUserGrain>(account.Id).StartSessionAsync(
            cookieName, lifetime, context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent.ToString());
        AuthCookies.SetSession(context.Response, cookieName, AuthCookies.Format(account.Id, session.Id, session.Secret), lifetime);
        if (cookieName == AuthCookies.Session)
        {
            AuthCookies.SetCsrf(context.Response, csrf.For(session.Id), lifetime);
        }
        return session.Id;
    }

    /// <summary>A platform login: cookie session, CSRF cookie, access token and a new refresh-token family.</summary>
    public async Task<TokenResponse> CompletePlatformLoginAsync(HttpContext context, UserAccount account)
    {
        var sessionId = await StartCookieSessionAsync(context, account, AuthCookies.Session);
        return await IssueTokensAsync(account, await grains.GetGrain<IUserGrain>(account.Id)
            .IssueRefreshTokenAsync(TimeSpan.FromDays((await SettingsAsync()).RefreshTokenDays), sessionId));
    }

    public async Task<TokenResponse> IssueTokensAsync(UserAccount account, IssuedSecret refreshFamily)
    {
        var settings = await SettingsAsync();
        var lifetime = TimeSpan.FromMinutes(settings.AccessTokenMinutes);
        var access = await tokens.CreateAccessTokenAsync(account.Id, account.Username, account.Role, refreshFamily.Id, lifetime);
        return new TokenResponse(access, $"{account.Id}.{refreshFamily.Id}.{refreshFamily.Secret}", "bearer",
            (int)lifetime.TotalSeconds, UserResponse.From(account));
    }
}
