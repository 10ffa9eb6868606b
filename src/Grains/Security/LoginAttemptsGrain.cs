using Swarmgrid.GrainInterfaces.Security;

namespace Swarmgrid.Grains.Security;

/// <summary>
/// The token bucket behind <see cref="ILoginAttemptsGrain"/>, kept in memory only: an address idle long enough for the
/// grain to be collected has a full bucket again anyway.
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
public sealed class LoginAttemptsGrain(TimeProvider time) : Grain, ILoginAttemptsGrain
{
    public const int Burst = 5;
    public static readonly TimeSpan RefillEvery = TimeSpan.FromSeconds(12);

    private double tokens = Burst;
    private long lastRefill = time.GetTimestamp();

    public ValueTask<bool> TryAcquireAsync()
    {
        var now = time.GetTimestamp();
        tokens = Math.Min(Burst, tokens + time.GetElapsedTime(lastRefill, now) / RefillEvery);
        lastRefill = now;
        if (tokens < 1)
        {
            return ValueTask.FromResult(false);
        }
        tokens -= 1;
        return ValueTask.FromResult(true);
    }
}
