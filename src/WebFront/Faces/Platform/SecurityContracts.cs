using System.Text.Json.Serialization;
using Swarmgrid.Data.Identity;
using Swarmgrid.GrainInterfaces.Security;
using Swarmgrid.Hosting;

namespace Swarmgrid.WebFront.Faces.Platform;

public sealed record ApiKeyRequest([property: JsonPropertyName("name")] string? Name) : IValidatable
{
    public string? Validate() => Name?.Trim() is { Length: > 0 and <= 200 } ? null : "name is required (at most 200 characters)";
}

public sealed record ApiKeyResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("prefix")] string Prefix,
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("created_at")] string CreatedAt,
    [property: JsonPropertyName("revoked_at")] string? RevokedAt)
{
    public static ApiKeyResponse From(ApiKeyRecord key) => new(key.Id, key.Name, key.Prefix, key.UserId, IsoTime.Format(key.CreatedAt),
        key.RevokedAt is { } revoked ? IsoTime.Format(revoked) : null);
}

/// <summary>A new key; its secret is shown this once.</summary>
public sealed record ApiKeyCreatedResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("key")] string Key);

public sealed record SessionResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("ip")] string? Ip,
    [property: JsonPropertyName("user_agent")] string? UserAgent,
    [property: JsonPropertyName("created_at")] string CreatedAt,
    [property: JsonPropertyName("expires_at")] string ExpiresAt)
{
    public static SessionResponse From(SessionRecord session) => new(session.Id, session.UserId, session.Kind, session.Ip, session.UserAgent,
        IsoTime.Format(session.CreatedAt), IsoTime.Format(session.ExpiresAt));
}

/// <summary>Lifetimes and switches; each field in the platform seed's PascalCase or in snake_case (the former wins).</summary>
public sealed record SecuritySettingsRequest(
    [property: JsonPropertyName("SessionLifetimeHours")] int? SessionLifetimeHoursPascal = null,
    [property: JsonPropertyName("session_lifetime_hours")] int? SessionLifetimeHours = null,
    [property: JsonPropertyName("AccessTokenMinutes")] int? AccessTokenMinutesPascal = null,
    [property: JsonPropertyName("access_token_minutes")] int? AccessTokenMinutes = null,
    [property: JsonPropertyName("RefreshTokenDays")] int? RefreshTokenDaysPascal = null,
    [property: JsonPropertyName("refresh_token_days")] int? RefreshTokenDays = null,
    [property: JsonPropertyName("RegistrationEnabled")] bool? RegistrationEnabledPascal = null,
    [property: JsonPropertyName("registration_enabled")] bool? RegistrationEnabled = null) : IValidatable
{
    public string? Validate() =>
        (SessionLifetimeHoursPascal ?? SessionLifetimeHours) is < 1 or > 24 * 90
        || (AccessTokenMinutesPascal ?? AccessTokenMinutes) is < 1 or > 24 * 60
        || (RefreshTokenDaysPascal ?? RefreshTokenDays) is < 1 or > 365
            ? "lifetimes out of range"
            : null;

    public SecuritySettings ApplyTo(SecuritySettings current) => current with
    {
        SessionLifetimeHours = SessionLifetimeHoursPascal ?? SessionLifetimeHours ?? current.SessionLifetimeHours,
        AccessTokenMinutes = AccessTokenMinutesPascal ?? AccessTokenMinutes ?? current.AccessTokenMinutes,
        RefreshTokenDays = RefreshTokenDaysPascal ?? RefreshTokenDays ?? current.RefreshTokenDays,
        RegistrationEnabled = RegistrationEnabledPascal ?? RegistrationEnabled ?? current.RegistrationEnabled,
    };
}

/// <summary>The security settings as the platform seed shows them (camelCase).</summary>
public sealed record SecuritySettingsResponse(
    [property: JsonPropertyName("sessionLifetimeHours")] int SessionLifetimeHours,
    [property: JsonPropertyName("accessTokenMinutes")] int AccessTokenMinutes,
    [property: JsonPropertyName("refreshTokenDays")] int RefreshTokenDays,
    [property: JsonPropertyName("registrationEnabled")] bool RegistrationEnabled,
    [property: JsonPropertyName("requireMfaForAdmins")] bool RequireMfaForAdmins)
{
    public static SecuritySettingsResponse From(SecuritySettings settings) => new(settings.SessionLifetimeHours, settings.AccessTokenMinutes,
        settings.RefreshTokenDays, settings.RegistrationEnabled, settings.RequireMfaForAdmins);
}

/// <summary>The password policy; each field in the platform seed's PascalCase or in snake_case (the former wins).</summary>
public sealed record PasswordPolicyRequest(
    [property: JsonPropertyName("MinLength")] int? MinLengthPascal = null,
    [property: JsonPropertyName("min_length")] int? MinLength = null,
    [property: JsonPropertyName("RequireUppercase")] bool? RequireUppercasePascal = null,
    [property: JsonPropertyName("require_uppercase")] bool? RequireUppercase = null,
    [property: JsonPropertyName("RequireLowercase")] bool? RequireLowercasePascal = null,
    [property: JsonPropertyName("require_lowercase")] bool? RequireLowercase = null,
    [property: JsonPropertyName("RequireDigit")] bool? RequireDigitPascal = null,
    [property: JsonPropertyName("require_digit")] bool? RequireDigit = null,
    [property: JsonPropertyName("RequireSymbol")] bool? RequireSymbolPascal = null,
    [property: JsonPropertyName("require_symbol")] bool? RequireSymbol = null) : IValidatable
{
    public string? Validate() => (MinLengthPascal ?? MinLength) is < 8 or > 256 ? "min_length must be from 8 to 256" : null;

    public PasswordPolicy ApplyTo(PasswordPolicy current) => new(
        MinLengthPascal ?? MinLength ?? current.MinLength,
        RequireUppercasePascal ?? RequireUppercase ?? current.RequireUppercase,
        RequireLowercasePascal ?? RequireLowercase ?? current.RequireLowercase,
        RequireDigitPascal ?? RequireDigit ?? current.RequireDigit,
        RequireSymbolPascal ?? RequireSymbol ?? current.RequireSymbol);
}

/// <summary>The password policy as the platform seed shows it (camelCase).</summary>
public sealed record PasswordPolicyResponse(
    [property: JsonPropertyName("minLength")] int MinLength,
    [property: JsonPropertyName("requireUppercase")] bool RequireUppercase,
    [property: JsonPropertyName("requireLowercase")] bool RequireLowercase,
    [property: JsonPropertyName("requireDigit")] bool RequireDigit,
    [property: JsonPropertyName("requireSymbol")] bool RequireSymbol)
{
    public static PasswordPolicyResponse From(PasswordPolicy policy) =>
        new(policy.MinLength, policy.RequireUppercase, policy.RequireLowercase, policy.RequireDigit, policy.RequireSymbol);
}

/// <summary>New allow and block lists of addresses or CIDR ranges; an absent or null list is empty.</summary>
public sealed record IpRulesRequest(
    [property: JsonPropertyName("allow")] IReadOnlyList<string?>? Allow = null,
    [property: JsonPropertyName("block")] IReadOnlyList<string?>? Block = null) : IValidatable
{
    public string? Validate() =>
        (Allow ?? []).Concat(Block ?? []).All(range => IpRanges.TryParse(range, out _))
            ? null
            : "allow and block must be lists of IP addresses or CIDR ranges";

    public IpRules ToRules() => new([.. (Allow ?? []).Select(range => range!)], [.. (Block ?? []).Select(range => range!)]);
}

public sealed record IpRulesResponse(
    [property: JsonPropertyName("allow")] IReadOnlyList<string> Allow,
    [property: JsonPropertyName("block")] IReadOnlyList<string> Block)
{
    public static IpRulesResponse From(IpRules rules) => new(rules.Allow, rules.Block);
}
