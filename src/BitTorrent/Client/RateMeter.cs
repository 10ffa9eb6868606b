namespace Swarmgrid.BitTorrent.Client;

/// <summary>Bytes per second over the last few seconds, in one-second buckets. Thread-safe.</summary>
public sealed class RateMeter(TimeProvider time, int seconds = 5)
{
    private readonly long[] buckets = new long[seconds];
    private readonly Lock gate = new();
    private long currentSecond = -1;

    /// <summary>Every byte recorded.</summary>
    public long Total { get; private set; }

    public void Add(long bytes)
    {
        lock (gate)
        {
            Advance();
            buckets[currentSecond % buckets.Length] += bytes;
            Total += bytes;
        }
    }

    /// <summary>The average over the completed buckets and the current one.</summary>
    public long BytesPerSecond
    {
        get
        {
            lock (gate)
            {
                Advance();
                return buckets.Sum() / buckets.Length;
            }
        }
    }

    private void Advance()
    {
        var now = time.GetTimestamp() / time.TimestampFrequency;
        if (currentSecond < 0)
        {
            currentSecond = now;
        }
        for (var s = currentSecond + 1; s <= now && s <= currentSecond + buckets.Length; s++)
        {
            buckets[s % buckets.Length] = 0;
        }
        currentSecond = Math.Max(currentSecond, now);
    }
}
