namespace Swarmgrid.BitTorrent.Client;

/// <summary>
/// A token bucket: callers take bytes and are delayed when the bucket runs dry. A rate of 0 means no limit. Buckets
/// chain (per torrent, then global) through <see cref="Parent"/>. Thread-safe.
/// </summary>
public sealed class RateLimiter(TimeProvider time, long bytesPerSecond, RateLimiter? parent = null)
{
    private readonly Lock gate = new();
    private double tokens = bytesPerSecond;
    private long lastRefill = time.GetTimestamp();

    public long BytesPerSecond { get; set; } = bytesPerSecond;

    public RateLimiter? Parent { get; } = parent;

    /// <summary>Takes <paramref name="bytes"/>, waiting as long as the rate demands.</summary>
    public async ValueTask TakeAsync(int bytes, CancellationToken cancellationToken)
    {
        var delay = Reserve(bytes);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        if (Parent is not null)
        {
            await Parent.TakeAsync(bytes, cancellationToken);
        }
    }

    private TimeSpan Reserve(int bytes)
    {
        var rate = BytesPerSecond;
        if (rate <= 0)
        {
            return TimeSpan.Zero;
        }
        lock (gate)
        {
            var now = time.GetTimestamp();
            tokens = Math.Min(rate, tokens + time.GetElapsedTime(lastRefill, now).TotalSeconds * rate);
            lastRefill = now;
            tokens -= bytes;
            return tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-tokens / rate);
        }
    }
}
