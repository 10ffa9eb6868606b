using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.Hosting;

namespace Swarmgrid.Identity;

/// <summary>
/// CSRF check for cookie-authenticated state changes on the platform and library faces: <c>X-CSRF-Token</c> must be
/// the token of the caller's session (the value of the <c>csrf_token</c> cookie set at login). Bearer callers are not
/// checked (no ambient credential).
/// </summary>
public sealed class CsrfFilter(CsrfTokens tokens) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        Passes(context.HttpContext, tokens)
            ? await next(context)
            : Refusal();

    public static bool Passes(HttpContext http, CsrfTokens tokens)
    {
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)
            || !CurrentUser.ByCookie(http.User))
        {
            return true;
        }
        var header = http.Request.Headers[AuthCookies.CsrfHeader].ToString();
        return header.Length > 0 && CurrentUser.SessionId(http.User) is { } session && tokens.Matches(session, header);
    }

    public static JsonHttpResult<ErrorResponse> Refusal() =>
        ErrorResponse.Json(StatusCodes.Status403Forbidden, "CSRF token missing or invalid");
}
