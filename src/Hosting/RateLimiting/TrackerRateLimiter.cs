using System.Net;
using System.Threading.RateLimiting;

namespace Swarmgrid.Hosting;

/// <summary>
/// The tracker seed's per-IP token bucket (<c>Tracker:RateLimit:PermitsPerSecond</c> refill,
/// <c>Tracker:RateLimit:Burst</c> capacity), shared by the announce, scrape, UDP and registry routes of this process.
/// </summary>
public sealed class TrackerRateLimiter : IDisposable
{
    public const string AnnounceFailure = "Rate limit exceeded. Please slow down.";

    private readonly PartitionedRateLimiter<IPAddress>? limiter;

    public TrackerRateLimiter(IConfiguration configuration)
    {
        var section = configuration.GetSection("Tracker:RateLimit");
        if (!bool.TryParse(section["Enabled"], out var enabled))
        {
            enabled = true;
        }
        if (!enabled)
        {
            return;
        }
        var permits = ReadPositive(section["PermitsPerSecond"], 5);
        var burst = ReadPositive(section["Burst"], 10);
        limiter = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address => RateLimitPartition.GetTokenBucketLimiter(
            address, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = permits,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public bool Enabled => limiter is not null;

    /// <summary>Takes one permit for <paramref name="address"/>; false when its bucket is empty.</summary>
    public bool TryAcquire(IPAddress address)
    {
        if (limiter is null)
        {
            return true;
        }
        using var lease = limiter.AttemptAcquire(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter?.Dispose();

    private static int ReadPositive(string? text, int fallback) =>
        int.TryParse(text, out var value) && value > 0 ? value : fallback;
}
