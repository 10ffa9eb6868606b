using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;

namespace Swarmgrid.Identity;

/// <summary>
/// Signs and checks the two JWTs of the system: access tokens, and the short MFA challenge of a half-done login.
/// An access token names its login (<c>sid</c>, the refresh-token family); the authentication handler checks that the
/// login still stands on every request, so logout and a password change end its tokens at once.
/// </summary>
public sealed class TokenService(AuthKeys keys, TimeProvider clock)
{
    public const string Issuer = "swarmgrid";
    public const string AccessAudience = "swarmgrid";
    private const string MfaAudience = "swarmgrid-mfa";

    private readonly JsonWebTokenHandler handler = new();

    public const string SessionClaim = "sid";
    private const string ChallengeClaim = "cid";

    public static readonly TimeSpan MfaChallengeLifetime = TimeSpan.FromMinutes(5);

    public Task<string> CreateAccessTokenAsync(string userId, string username, Role role, string loginId, TimeSpan lifetime) =>
        CreateAsync(AccessAudience, lifetime, new Dictionary<string, object>
        {
            ["sub"] = userId,
            ["name"] = username,
            ["role"] = Roles.Name(role),
            [SessionClaim] = loginId,
        });

    public Task<string> CreateMfaChallengeAsync(string userId, string challengeId) =>
        CreateAsync(MfaAudience, MfaChallengeLifetime, new Dictionary<string, object> { ["sub"] = userId, [ChallengeClaim] = challengeId });

    /// <summary>The user and login of a valid access token, or null (tampered, expired, wrong audience or issuer, no login).</summary>
    public async Task<(string UserId, string LoginId)?> ValidateAccessTokenAsync(string token) =>
        await ValidateAsync(token, AccessAudience) is { } identity
        && identity.FindFirst("sub")?.Value is { Length: > 0 } userId
        && identity.FindFirst(SessionClaim)?.Value is { Length: > 0 } loginId
            ? (userId, loginId)
            : null;

    /// <summary>The user and challenge id of a valid MFA challenge token, or null.</summary>
    public async Task<(string UserId, string ChallengeId)?> ValidateMfaChallengeAsync(string token) =>
        await ValidateAsync(token, MfaAudience) is { } identity
        && identity.FindFirst("sub")?.Value is { Length: > 0 } userId
        && identity.FindFirst(ChallengeClaim)?.Value is { Length: > 0 } challengeId
            ? (userId, challengeId)
            : null;

    private async Task<string> CreateAsync(string audience, TimeSpan lifetime, Dictionary<string, object> claims)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(await keys.SigningKeyAsync()), SecurityAlgorithms.HmacSha256),
        });
    }

    private async Task<ClaimsIdentity?> ValidateAsync(string token, string audience)
    {
        var result = await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = audience,
            IssuerSigningKey = new SymmetricSecurityKey(await keys.SigningKeyAsync()),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
            LifetimeValidator = (notBefore, expires, _, _) =>
                expires is { } end && end > clock.GetUtcNow().UtcDateTime.AddSeconds(-30) && (notBefore is null || notBefore <= clock.GetUtcNow().UtcDateTime.AddSeconds(30)),
        });
        return result.IsValid ? result.ClaimsIdentity : null;
    }
}
