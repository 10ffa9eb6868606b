using System.Text.Json.Serialization;

namespace Swarmgrid.WebFront.Faces.Platform;

/// <summary>
/// <c>mfa/verify</c>'s two meanings in one body: with <c>mfa_token</c>, the second step of a login (a <c>code</c> or a
/// <c>recovery_code</c>); without, an enrolment's confirmation <c>code</c>.
/// </summary>
public sealed record MfaVerifyRequest(
    [property: JsonPropertyName("mfa_token")] string? MfaToken = null,
    [property: JsonPropertyName("code")] string? Code = null,
    [property: JsonPropertyName("recovery_code")] string? RecoveryCode = null);

public sealed record MfaCodeRequest([property: JsonPropertyName("code")] string? Code);

public sealed record MfaDisableRequest(
    [property: JsonPropertyName("password")] string? Password,
    [property: JsonPropertyName("code")] string? Code);

public sealed record TotpSetupResponse(
    [property: JsonPropertyName("secret")] string Secret,
    [property: JsonPropertyName("otpauth_url")] string OtpAuthUrl,
    [property: JsonPropertyName("qr_code")] string QrCode);

public sealed record RecoveryCodesResponse(
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("recovery_codes")] IReadOnlyList<string> RecoveryCodes);
