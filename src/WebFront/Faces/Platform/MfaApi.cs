using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.Data.Identity;
using Swarmgrid.GrainInterfaces.Users;
using Swarmgrid.Hosting;
using Swarmgrid.Identity;
using EnrolmentAnswer = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.Ok<Swarmgrid.WebFront.Faces.Platform.RecoveryCodesResponse>,
    Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult,
    Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<Swarmgrid.Hosting.ErrorResponse>>;
using LoginAnswer = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.Ok<Swarmgrid.Identity.TokenResponse>,
    Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<Swarmgrid.Hosting.ErrorResponse>>;

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
        mfa.MapPost("/verify", Verify).AcceptsJsonUpTo()
            .Produces<ErrorResponse>(StatusCodes.Status400BadRequest).Produces<ErrorResponse>(StatusCodes.Status401Unauthorized)
            .Produces<ErrorResponse>(StatusCodes.Status403Forbidden).Produces<ErrorResponse>(StatusCodes.Status429TooManyRequests)
            .WithName("MfaVerify");
        var enrolled = mfa.MapGroup("").RequireRole(Role.Viewer).AddEndpointFilter<CsrfFilter>();
        enrolled.MapPost("/setup", Setup).Produces<ErrorResponse>(StatusCodes.Status409Conflict).WithName("MfaSetup");
        enrolled.MapPost("/totp/setup", Setup).Produces<ErrorResponse>(StatusCodes.Status409Conflict).WithName("TotpSetup");
        enrolled.MapPost("/totp/confirm", Confirm).AcceptsJsonUpTo().Produces<ErrorResponse>(StatusCodes.Status400BadRequest).WithName("TotpConfirm");
        enrolled.MapPost("/disable", Disable).AcceptsJsonUpTo().Produces<ErrorResponse>(StatusCodes.Status400BadRequest).WithName("MfaDisable");
        enrolled.MapPost("/totp/disable", Disable).AcceptsJsonUpTo().Produces<ErrorResponse>(StatusCodes.Status400BadRequest).WithName("TotpDisable");
        return routes;
    }

    public static async Task<Results<Ok<TotpSetupResponse>, JsonHttpResult<ErrorResponse>>> Setup(
        HttpContext context, IGrainFactory grains, SecretProtector protector)
    {
        var user = grains.GetGrain<IUserGrain>(CurrentUser.Id(context.User)!);
        var account = (await user.GetAsync())!;
        if (account.MfaEnabled)
        {
            return ErrorResponse.Json(StatusCodes.Status409Conflict, "MFA is already enabled");
        }
        var seed = TotpCodes.NewSeed();
        await user.BeginTotpAsync(protector.Protect(seed));
        var url = TotpCodes.OtpAuthUrl(seed, account.Email);
        return TypedResults.Ok(new TotpSetupResponse(seed, url, TotpCodes.QrCodeDataUri(url)));
    }

    public static Task<EnrolmentAnswer> Confirm(
        MfaCodeRequest request, HttpContext context, IGrainFactory grains, SecretProtector protector, AuditTrail audit) =>
        ConfirmAsync(context, request.Code, grains, protector, audit);

    public static async Task<Results<LoginAnswer, EnrolmentAnswer, JsonHttpResult<ErrorResponse>>> Verify(
        MfaVerifyRequest request, HttpContext context, IGrainFactory grains, SecretProtector protector, TokenService tokens,
        LoginService logins, LoginThrottle throttle, CsrfTokens csrf, AuditTrail audit)
    {
        if (request.MfaToken is not { } challenge)
        {
            if (context.User.Identity?.IsAuthenticated != true)
            {
                return ErrorResponse.Json(StatusCodes.Status401Unauthorized, "authentication required");
            }
            // Confirming an enrolment changes the account: a cookie caller proves it is not a forged request.
            return CsrfFilter.Passes(context, csrf)
                ? await ConfirmAsync(context, request.Code, grains, protector, audit)
                : CsrfFilter.Refusal();
        }
        if (!await throttle.TryAcquireAsync(context.Connection.RemoteIpAddress))
        {
            return LoginThrottle.Refusal(context);
        }
        return await CompleteLoginAsync(context, challenge, request, grains, protector, tokens, logins, audit);
    }

    public static async Task<Results<Ok<OkResponse>, JsonHttpResult<ErrorResponse>>> Disable(
        MfaDisableRequest request, HttpContext context, IGrainFactory grains, SecretProtector protector, AuditTrail audit)
    {
        var user = grains.GetGrain<IUserGrain>(CurrentUser.Id(context.User)!);
        var account = (await user.GetAsync())!;
        var seed = await user.GetTotpSecretAsync(pending: false);
        var passwordRight = PasswordHasher.Verify(request.Password, account.PasswordHash);
        if (!passwordRight || seed is null
            || TotpCodes.MatchStep(protector.Unprotect(seed), request.Code) is not { } step
            || !await user.UseTotpStepAsync(step))
        {
            return ErrorResponse.Json(StatusCodes.Status400BadRequest, "password or code is wrong");
        }
        await user.DisableTotpAsync();
        await audit.RecordAsync(context, "mfa_disabled", account.Id);
        return TypedResults.Ok(OkResponse.Yes);
    }

    private static async Task<EnrolmentAnswer> ConfirmAsync(HttpContext context, string? code, IGrainFactory grains, SecretProtector protector, AuditTrail audit)
    {
        var user = grains.GetGrain<IUserGrain>(CurrentUser.Id(context.User)!);
        if (await user.GetTotpSecretAsync(pending: true) is not { } pending)
        {
            return ApiProblem.BadRequest("start with mfa/setup");
        }
        if (TotpCodes.MatchStep(protector.Unprotect(pending), code) is not { } step || !await user.UseTotpStepAsync(step))
        {
            return ErrorResponse.Json(StatusCodes.Status400BadRequest, "invalid code");
        }
        var recoveryCodes = TotpCodes.NewRecoveryCodes();
        await user.ConfirmTotpAsync(recoveryCodes.Select(SecretHash.Of).ToList());
        await audit.RecordAsync(context, "mfa_enabled", CurrentUser.Id(context.User));
        return TypedResults.Ok(new RecoveryCodesResponse(true, recoveryCodes));
    }

    private static async Task<LoginAnswer> CompleteLoginAsync(HttpContext context, string challenge, MfaVerifyRequest request, IGrainFactory grains,
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
        var step = TotpCodes.MatchStep(protector.Unprotect(seed), request.Code);
        var recovery = request.RecoveryCode is { Length: > 0 } code ? SecretHash.Of(code) : null;
        switch (await user.AnswerMfaChallengeAsync(challengeId, step, recovery))
        {
            case MfaOutcome.Passed:
                await audit.RecordAsync(context, "login", userId, details: recovery is not null && step is null ? "mfa recovery code" : "mfa", actor: userId);
                return TypedResults.Ok(await logins.CompletePlatformLoginAsync(context, account));
            case MfaOutcome.Failed:
                await audit.RecordAsync(context, "mfa_failed", userId, actor: userId);
                return ErrorResponse.Json(StatusCodes.Status401Unauthorized, "invalid code");
            case MfaOutcome.Locked:
                await audit.RecordAsync(context, "mfa_locked", userId, "too many wrong codes; MFA logins wait 15 minutes", actor: userId);
                context.Response.Headers.RetryAfter = "900";
                return ErrorResponse.Json(StatusCodes.Status429TooManyRequests, "too many wrong codes; try again later");
            default:
                return ChallengeDead();
        }
    }

    private static JsonHttpResult<ErrorResponse> ChallengeDead() =>
        ErrorResponse.Json(StatusCodes.Status401Unauthorized, "MFA challenge expired or invalid");
}
