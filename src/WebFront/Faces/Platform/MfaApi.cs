using System.Text.Json.Serialization;
using System.Text.Json;
using Swarmgrid.Data.Identity;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;

namespace Swarmgrid.WebFront.Faces.Platform;

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
        LoginService logins, LoginThrottle throttle, CsrfTokens csrf, AuditTrail audit)
    {
        return await JsonBody.WithObjectAsync(context.Request, async json =>
        {
            if (JsonFields.Text(json, "mfa_token") is not { } challenge)
            {
                if (context.User.Identity?.IsAuthenticated != true)
                {
                    return TypedResults.Json(new { error = "authentication required" }, statusCode: StatusCodes.Status401Unauthorized);
                }
                // Confirming an enrolment changes the account: a cookie caller proves it is not a forged request.
                return CsrfFilter.Passes(context, csrf)
                    ? await ConfirmAsync(context, JsonFields.Text(json, "code"), grains, protector, audit)
                    : CsrfFilter.Refusal();
            }
            if (!throttle.TryAcquire(context.Connection.RemoteIpAddress))
            {
                return LoginThrottle.Refusal(context);
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
            var passwordRight = PasswordHasher.Verify(JsonFields.Text(json, "password"), account.PasswordHash);
            if (!passwordRight || seed is null
                || TotpCodes.MatchStep(protector.Unprotect(seed), JsonFields.Text(json, "code")) is not { } step
                || !await user.UseTotpStepAsync(step))
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
        if (TotpCodes.MatchStep(protector.Unprotect(pending), code) is not { } step || !await user.UseTotpStepAsync(step))
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
        if (await tokens.ValidateMfaChallengeAsync(challenge) is not var (userId, challengeId))
        {
            return ChallengeDead();
        }
        var user = grains.GetGrain<IUserGrain>(userId);
        var account = await user.GetAsync();
        var seed = await user.GetTotpSecretAsync(pending: false);
        if (account is not { Disabled: false } || seed is null)
        {
            return ChallengeDead();
        }
        var step = TotpCodes.MatchStep(protector.Unprotect(seed), JsonFields.Text(body, "code"));
        var recovery = JsonFields.Text(body, "recovery_code") is { Length: > 0 } code ? SecretHash.Of(code) : null;
        switch (await user.AnswerMfaChallengeAsync(challengeId, step, recovery))
        {
            case MfaOutcome.Passed:
                await audit.RecordAsync(context, "login", userId, details: recovery is not null && step is null ? "mfa recovery code" : "mfa", actor: userId);
                return TypedResults.Ok(await logins.CompletePlatformLoginAsync(context, account));
            case MfaOutcome.Failed:
                await audit.RecordAsync(context, "mfa_failed", userId, actor: userId);
                return TypedResults.Json(new { error = "invalid code" }, statusCode: StatusCodes.Status401Unauthorized);
            case MfaOutcome.Locked:
                await audit.RecordAsync(context, "mfa_locked", userId, "too many wrong codes; MFA logins wait 15 minutes", actor: userId);
                context.Response.Headers.RetryAfter = "900";
                return TypedResults.Json(new { error = "too many wrong codes; try again later" }, statusCode: StatusCodes.Status429TooManyRequests);
            default:
                return ChallengeDead();
        }
    }

    private static IResult ChallengeDead() =>
        TypedResults.Json(new { error = "MFA challenge expired or invalid" }, statusCode: StatusCodes.Status401Unauthorized);
}

public sealed record TotpSetupResponse(
    [property: JsonPropertyName("secret")] string Secret,
    [property: JsonPropertyName("otpauth_url")] string OtpAuthUrl,
    [property: JsonPropertyName("qr_code")] string QrCode);

public sealed record RecoveryCodesResponse(
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("recovery_codes")] IReadOnlyList<string> RecoveryCodes);
