using System.Text.Json.Serialization;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;

namespace Swarmgrid.Identity;

/// <summary>A user as the platform API shows it (never a secret).</summary>
public sealed record UserResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("full_name")] string? FullName,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("is_active")] bool IsActive,
    [property: JsonPropertyName("mfa_enabled")] bool MfaEnabled,
    [property: JsonPropertyName("created_at")] string CreatedAt)
{
    public static UserResponse From(UserAccount account) => new(account.Id, account.Username, account.Email, account.FullName,
        Roles.Name(account.Role), !account.Disabled, account.MfaEnabled, IsoTime.Format(account.CreatedAt));
}

public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("refresh_token")] string RefreshToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("user")] UserResponse User);

public sealed record MfaChallengeResponse(
    [property: JsonPropertyName("mfa_required")] bool MfaRequired,
    [property: JsonPropertyName("mfa_token")] string MfaToken);

public sealed record OkResponse([property: JsonPropertyName("ok")] bool Ok)
{
    public static OkResponse Yes { get; } = new(true);
}
