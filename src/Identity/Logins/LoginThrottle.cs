using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Swarmgrid.GrainInterfaces.Security;
using Swarmgrid.Hosting;

namespace Swarmgrid.Identity;

/// <summary>
/// Per-IP login attempts: a bucket of 5 that refills one attempt every 12 seconds (5 per minute, burst 5), which
/// is why refusals carry <c>Retry-After: 12</c>. The bucket is the cluster's (<see cref="ILoginAttemptsGrain"/>), so
/// web fronts behind a balancer share it; while the cluster cannot be asked, this process's own bucket decides.
/// <c>Auth:LoginRateLimit:Enabled=false</c> turns it off (test rigs).
/// </summary>
public sealed class LoginThrottle(IConfiguration configuration, IGrainFactory grains, ILogger<LoginThrottle> logger) : IDisposable
{
    private readonly bool enabled = configuration.GetValue("Auth:LoginRateLimit:Enabled", true);

    public const int RetryAfterSeconds = 12;

    private readonly PartitionedRateLimiter<IPAddress> limiter = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address =>
        RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = 5,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(RetryAfterSeconds),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public async ValueTask<bool> TryAcquireAsync(IPAddress? address)
    {
        if (!enabled)
        {
            return true;
        }
        address ??= IPAddress.None;
        try
        {
            return await grains.GetGrain<ILoginAttemptsGrain>(address.ToString()).TryAcquireAsync();
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            logger.LogWarning(ex, "The cluster's login attempt count is unavailable; this process counts alone");
            using var lease = limiter.AttemptAcquire(address);
            return lease.IsAcquired;
        }
    }

    /// <summary>The answer to a refused login: 429, <c>Retry-After: 12</c>, <c>{"error":"too many login attempts"}</c>.</summary>
    public static JsonHttpResult<ErrorResponse> Refusal(HttpContext context)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ErrorResponse.Json(StatusCodes.Status429TooManyRequests, "too many login attempts");
    }

    public void Dispose() => limiter.Dispose();
}
