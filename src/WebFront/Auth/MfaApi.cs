using System.Text.Json;
using System.Text.Json.Serialization;
using Swarmgrid.Data.Identity;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.WebFront.Api;

namespace Swarmgrid.WebFront.Auth;

/// <summary>
/// TOTP for both seeds. The platform seed's <c>mfa/setup</c>, <c>mfa/verify</c>, <c>mfa/disable</c> and the fleet
/// seed's <c>mfa/totp/setup</c>, <c>mfa/totp/confirm</c>, <c>mfa/totp/disable</c>, <c>mfa/verify</c>. The one path the
/// two seeds give two meanings, <c>mfa/verify</c>, is decided by the request: a body with <c>mfa_token</c> completes
/// a login that was answered with an MFA challenge; otherwise an authenticated caller confirms an enrolment.
/// </summary>
public static class MfaApi
{
    public static IEndpointRouteBuilder MapMfaApi(this IEndpointRouteBuilder routes, string prefix)
    {
        var mfa = routes.MapGroup($"{prefix}/auth/mfa").WithTags("Auth");
        mfa.MapPost("/verify", Verify).WithName("MfaVerify");
        var enrolled = mfa.MapGroup("").RequireRole(Role.Viewer).AddEndpointFilter<CsrfFilter>();
        enrolled.MapPost("/setup", Setup).WithName("MfaSetup");
        enrolled.MapPost("/totp/setup", Setup).WithName("TotpSetup");
        enrolled.MapPost("/totp/confirm", Confirm).WithName("TotpConfirm");
        enrolled.MapPost("/disable", Disable).WithName("MfaDisable");
        enrolled.MapPost("/totp/disable", Disable).WithName("TotpDisable");
        return routes;
    }

    public static async Task<IResult> Setup(HttpContext context, IGrainFactory grains, SecretProtector protector)
    {
        var user = grains.GetGrain<IUserGrain>(CurrentUser.Id(context.User)!);
        var account = (await user.GetAsync())!;
        if (account.MfaEnabled)
        {
            return TypedResults.Json(new { error = "MFA is already enabled" }, statusCode: StatusCodes.Status409Conflict);
        }
        var seed = TotpCodes.NewSeed();
        await user.BeginTotpAsync(protector.Protect(seed));
        var url = TotpCodes.OtpAuthUrl(seed, account.Email);
        return TypedResults.Ok(new TotpSetupResponse(seed, url, TotpCodes.QrCodeDataUri(url)));
    }

    public static async Task<IResult> Confirm(HttpContext context, IGrainFactory grains, SecretProtector protector, AuditTrail audit)
    {
        return await JsonBody.WithObjectAsync(context.Request, async json =>
        {
            return await ConfirmAsync(context, JsonFields.Text(json, "code"), grains, protector, audit);
        });
    }

    public static async Task<IResult> Verify(HttpContext context, IGrainFactory grains, SecretProtector protector, TokenService tokens,
        LoginService logins, LoginThrottle throttle, AuditTrail audit)
    {
        return await JsonBody.WithObjectAsync(context.Request, async json =>
        {
            if (JsonFields.Text(json, "mfa_token") is not { } challenge)
            {
                return context.User.Identity?.IsAuthenticated == true
                    ? await ConfirmAsync(context, JsonFields.Text(json, "code"), grains, protector, audit)
                    : TypedResults.Json(new { error = "authentication required" }, statusCode: StatusCodes.Status401Unauthorized);
            }
            if (!throttle.TryAcquire(context.Connection.RemoteIpAddress))
            {
                return PlatformAuthApi.TooManyAttempts(context);
            }
            return await CompleteLoginAsync(context, challenge, json, grains, protector, tokens, logins, audit);
        });
    }

    public static async Task<IResult> Disable(HttpContext context, IGrainFactory grains, SecretProtector protector, AuditTrail audit)
    {
        return await JsonBody.WithObjectAsync(context.Request, async json =>
        {
            var user = grains.GetGrain<IUserGrain>(CurrentUser.Id(context.User)!);
            var account = (await user.GetAsync())!;
            var seed = await user.GetTotpSecretAsync(pending: false);
            if (!PasswordHasher.Verify(JsonFields.Text(json, "password") ?? "", account.PasswordHash)
                || seed is null || !TotpCodes.Verify(protector.Unprotect(seed), JsonFields.Text(json, "code")))
            {
                return TypedResults.Json(new { error = "password or code is wrong" }, statusCode: StatusCodes.Status400BadRequest);
            }
            await user.DisableTotpAsync();
            await audit.RecordAsync(context, "mfa_disabled", account.Id);
            return TypedResults.Ok(OkResponse.Yes);
        });
    }

    private static async Task<IResult> ConfirmAsync(HttpContext context, string? code, IGrainFactory grains, SecretProtector protector, AuditTrail audit)
    {
        var user = grains.GetGrain<IUserGrain>(CurrentUser.Id(context.User)!);
        if (await user.GetTotpSecretAsync(pending: true) is not { } pending)
        {
            return ApiProblem.BadRequest("start with mfa/setup");
        }
        if (!TotpCodes.Verify(protector.Unprotect(pending), code))
        {
            return TypedResults.Json(new { error = "invalid code" }, statusCode: StatusCodes.Status400BadRequest);
        }
        var recoveryCodes = TotpCodes.NewRecoveryCodes();
        await user.ConfirmTotpAsync(recoveryCodes.Select(SecretHash.Of).ToList());
        await audit.RecordAsync(context, "mfa_enabled", CurrentUser.Id(context.User));
        return TypedResults.Ok(new RecoveryCodesResponse(true, recoveryCodes));
    }

    private static async Task<IResult> CompleteLoginAsync(HttpContext context, string challenge, JsonElement body, IGrainFactory grains,
        SecretProtector protector, TokenService tokens, LoginService logins, AuditTrail audit)
    {
        if (await tokens.ValidateMfaChallengeAsync(challenge) is not { } userId)
        {
            return TypedResults.Json(new { error = "MFA challenge expired or invalid" }, statusCode: StatusCodes.Status401Unauthorized);
        }
        var user = grains.GetGrain<IUserGrain>(userId);
        var account = await user.GetAsync();
        var seed = await user.GetTotpSecretAsync(pending: false);
        var passed = account is { Disabled: false } && seed is not null
            && (TotpCodes.Verify(protector.Unprotect(seed), JsonFields.Text(body, "code"))
                || (JsonFields.Text(body, "recovery_code") is { } recovery && await user.UseRecoveryCodeAsync(SecretHash.Of(recovery))));
        if (!passed)
        {
            await audit.RecordAsync(context, "mfa_failed", userId, actor: userId);
            return TypedResults.Json(new { error = "invalid code" }, statusCode: StatusCodes.Status401Unauthorized);
        }
        await audit.RecordAsync(context, "login", userId, details: "mfa", actor: userId);
        return TypedResults.Ok(await logins.CompletePlatformLoginAsync(context, account!));
    }
}

public sealed record TotpSetupResponse(
    [property: JsonPropertyName("secret")] string Secret,
    [property: JsonPropertyName("otpauth_url")] string OtpAuthUrl,
    [property: JsonPropertyName("qr_code")] string QrCode);

public sealed record RecoveryCodesResponse(
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("recovery_codes")] IReadOnlyList<string> RecoveryCodes);
