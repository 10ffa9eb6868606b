using Microsoft.Net.Http.Headers;
using Swarmgrid.Hosting;

namespace Swarmgrid.Identity;

/// <summary>
/// Headers on every response: no MIME sniffing, no referrer, no framing, and no caching unless a route chose a cache
/// policy itself (answers carry tokens, keys and recovery codes); HSTS when the request came over HTTPS.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
            {
                headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            }
            if (!headers.ContainsKey(HeaderNames.CacheControl))
            {
                headers.CacheControl = "no-store";
            }
            if (http.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }
            return Task.CompletedTask;
        }, context);
        return next(context);
    });
}
