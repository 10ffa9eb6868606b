using System.Security.Cryptography;
using System.Text;

namespace Swarmgrid.WebFront.Auth;

/// <summary>
/// Double-submit CSRF check for cookie-authenticated state changes on the platform and library faces:
/// <c>X-CSRF-Token</c> must equal the <c>csrf_token</c> cookie. Bearer callers are not checked (no ambient credential).
/// </summary>
public sealed class CsrfFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)
            || !CurrentUser.ByCookie(http.User))
        {
            return await next(context);
        }
        var header = http.Request.Headers[AuthCookies.CsrfHeader].ToString();
        var cookie = http.Request.Cookies[AuthCookies.Csrf] ?? "";
        var matches = header.Length > 0
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header), Encoding.UTF8.GetBytes(cookie));
        return matches
            ? await next(context)
            : TypedResults.Json(new { error = "CSRF token missing or invalid" }, statusCode: StatusCodes.Status403Forbidden);
    }
}
