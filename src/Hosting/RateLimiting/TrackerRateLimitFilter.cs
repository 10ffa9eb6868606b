using Microsoft.AspNetCore.Http.HttpResults;

namespace Swarmgrid.Hosting;

/// <summary>429 with a JSON error for rate-limited JSON routes (the registry); announces answer in bencode instead.</summary>
public sealed class TrackerRateLimitFilter(TrackerRateLimiter limiter) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var address = context.HttpContext.Connection.RemoteIpAddress;
        if (address is null || limiter.TryAcquire(address))
        {
            return await next(context);
        }
        context.HttpContext.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(detail: "rate limit exceeded", statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too Many Requests", extensions: new Dictionary<string, object?> { ["error"] = "rate limit exceeded" });
    }
}
