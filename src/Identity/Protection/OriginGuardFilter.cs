using Swarmgrid.Hosting;
namespace Swarmgrid.Identity;

/// <summary>
/// The client face's OriginGuard: a cookie-authenticated state change must come from this origin. A request with
/// neither <c>Origin</c> nor <c>Referer</c> passes (SameSite=Strict keeps the cookie off cross-site requests, and
/// non-browser clients send neither); bearer callers are not checked.
/// </summary>
public sealed class OriginGuardFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || !CurrentUser.ByCookie(http.User))
        {
            return await next(context);
        }
        var expected = $"{http.Request.Scheme}://{http.Request.Host}";
        var origin = http.Request.Headers.Origin.ToString();
        var referer = http.Request.Headers.Referer.ToString();
        var allowed = origin.Length > 0
            ? string.Equals(origin, expected, StringComparison.OrdinalIgnoreCase)
            : referer.Length == 0 || (Uri.TryCreate(referer, UriKind.Absolute, out var uri)
                && string.Equals(uri.GetLeftPart(UriPartial.Authority), expected, StringComparison.OrdinalIgnoreCase));
        return allowed
            ? await next(context)
            : TypedResults.Json(new { error = "origin not allowed" }, statusCode: StatusCodes.Status403Forbidden);
    }
}
