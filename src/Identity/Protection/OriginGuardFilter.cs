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
        var allowed = SameOrigin.Holds(http.Request);
        return allowed
            ? await next(context)
            : ErrorResponse.Json(StatusCodes.Status403Forbidden, "origin not allowed");
    }
}
