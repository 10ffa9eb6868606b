using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Swarmgrid.GrainInterfaces.Users;

namespace Swarmgrid.WebFront.Auth;

/// <summary>Signs and checks the two JWTs of the system: access tokens, and the short MFA challenge of a half-done login.</summary>
public sealed class TokenService(AuthKeys keys, TimeProvider clock)
{
    public const string Issuer = "swarmgrid";
    public const string AccessAudience = "swarmgrid";
    private const string MfaAudience = "swarmgrid-mfa";

    private readonly JsonWebTokenHandler handler = new();

    public Task<string> CreateAccessTokenAsync(string userId, string username, Role role, TimeSpan lifetime) =>
        CreateAsync(AccessAudience, lifetime, new Dictionary<string, object>
        {
            ["sub"] = userId,
            ["name"] = username,
            ["role"] = Roles.Name(role),
        });

    public Task<string> CreateMfaChallengeAsync(string userId) =>
        CreateAsync(MfaAudience, TimeSpan.FromMinutes(5), new Dictionary<string, object> { ["sub"] = userId });

    /// <summary>The claims of a valid access token, or null (tampered, expired, wrong audience or issuer).</summary>
    public async Task<ClaimsIdentity?> ValidateAccessTokenAsync(string token) => await ValidateAsync(token, AccessAudience);

    public async Task<string?> ValidateMfaChallengeAsync(string token) =>
        (await ValidateAsync(token, MfaAudience))?.FindFirst("sub")?.Value;

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
