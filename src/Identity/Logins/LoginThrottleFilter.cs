using Swarmgrid.Hosting;

namespace Swarmgrid.Identity;

/// <summary>
/// Spends one of the caller's login attempts before anything else about the login runs, the check of a malformed
/// login's credentials included, so a refused caller costs no password hashing.
/// </summary>
public sealed class LoginThrottleFilter(LoginThrottle throttle) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        await throttle.TryAcquireAsync(context.HttpContext.Connection.RemoteIpAddress)
            ? await next(context)
            : LoginThrottle.Refusal(context.HttpContext);
}

public static class LoginThrottleFilterExtensions
{
    /// <summary>Counts each call against the caller's login attempts (add it before <c>.Validate&lt;T&gt;()</c>).</summary>
    public static RouteHandlerBuilder LimitLoginAttempts(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<LoginThrottleFilter>().Produces<ErrorResponse>(StatusCodes.Status429TooManyRequests);
}
