namespace Swarmgrid.BitTorrent.Client;

/// <summary>
/// A token bucket: callers take bytes and are delayed when the bucket runs dry. A rate of 0 means no limit. Buckets
/// chain (per torrent, then global) through <see cref="Parent"/>. A change of <see cref="BytesPerSecond"/> applies at
/// once, to callers already waiting as well. Thread-safe.
/// </summary>
public sealed class RateLimiter(TimeProvider time, long bytesPerSecond, RateLimiter? parent = null)
{
    private readonly Lock gate = new();
    private long rate = bytesPerSecond;
    private double tokens = bytesPerSecond;
    // Every token ever refilled: a waiter is done once this reaches the mark its debt set.
    private double refilled;
    private long lastRefill = time.GetTimestamp();
    private CancellationTokenSource rateChanged = new();

    /// <summary>The limit in bytes per second; 0 for none.</summary>
    public long BytesPerSecond
    {
        get => Volatile.Read(ref rate);
        set
        {
            CancellationTokenSource changed;
            lock (gate)
            {
                if (rate == value)
                {
                    return;
                }
                Refill();
                var wasUnlimited = rate <= 0;
                rate = value;
                // Unlimited releases every waiter, so nothing is owed afterwards; a new limit starts with a full bucket.
                tokens = value <= 0 ? 0 : wasUnlimited ? value : Math.Min(tokens, value);
                changed = rateChanged;
                rateChanged = new CancellationTokenSource();
            }
            // Not disposed: a waiter may be linking to its token right now; it holds no timer.
            changed.Cancel();
        }
    }

    public RateLimiter? Parent { get; } = parent;

    /// <summary>Takes <paramref name="bytes"/>, waiting as long as the rate demands.</summary>
    public async ValueTask TakeAsync(int bytes, CancellationToken cancellationToken)
    {
        var (delay, mark, changed) = Reserve(bytes);
        while (delay > TimeSpan.Zero)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, changed);
            try
            {
                await Task.Delay(delay, time, wait.Token);
                break;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                (delay, changed) = Remaining(mark);
            }
        }
        if (Parent is not null)
        {
            await Parent.TakeAsync(bytes, cancellationToken);
        }
    }

    private (TimeSpan Delay, double Mark, CancellationToken Changed) Reserve(int bytes)
    {
        if (Volatile.Read(ref rate) <= 0)
        {
            return (TimeSpan.Zero, 0, default);
        }
        lock (gate)
        {
            if (rate <= 0)
            {
                return (TimeSpan.Zero, 0, default);
            }
            Refill();
            tokens -= bytes;
            return tokens >= 0
                ? (TimeSpan.Zero, 0, default)
                : (TimeSpan.FromSeconds(-tokens / rate), refilled - tokens, rateChanged.Token);
        }
    }

    /// <summary>How long a waiter whose debt clears at <paramref name="mark"/> still waits, at the current rate.</summary>
    private (TimeSpan Delay, CancellationToken Changed) Remaining(double mark)
    {
        lock (gate)
        {
            if (rate <= 0)
            {
                return (TimeSpan.Zero, default);
            }
            Refill();
            return (mark > refilled ? TimeSpan.FromSeconds((mark - refilled) / rate) : TimeSpan.Zero, rateChanged.Token);
        }
    }

    private void Refill()
    {
        var now = time.GetTimestamp();
        if (rate > 0)
        {
            var added = time.GetElapsedTime(lastRefill, now).TotalSeconds * rate;
            refilled += added;
            tokens = Math.Min(rate, tokens + added);
        }
        lastRefill = now;
    }
}
