using Microsoft.Extensions.Time.Testing;
using Swarmgrid.BitTorrent.Client;

namespace Swarmgrid.BitTorrent.Tests.Client;

/// <summary>The token bucket on a fake clock: waits as long as the rate says, and a rate change reaches callers already waiting.</summary>
public sealed class RateLimiterTests
{
    private readonly CountingClock clock = new();

    // Started off the test's synchronization context, so its continuations run as the clock moves.
    private static Task Take(RateLimiter limiter, int bytes) => Task.Run(() => limiter.TakeAsync(bytes, CancellationToken.None).AsTask());

    [Fact]
    public async Task A_full_bucket_passes_at_once_and_the_debt_is_waited_out()
    {
        var limiter = new RateLimiter(clock, 1000);
        await Take(limiter, 1000).WaitAsync(TimeSpan.FromSeconds(10));

        var waiting = Take(limiter, 3000);
        await Until(() => clock.Timers == 1);
        clock.Advance(TimeSpan.FromMilliseconds(2999));
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Lifting_the_limit_releases_waiting_callers_at_once()
    {
        var limiter = new RateLimiter(clock, 1000);
        await Take(limiter, 1000).WaitAsync(TimeSpan.FromSeconds(10));
        var waiting = Take(limiter, 60_000);
        await Until(() => clock.Timers == 1);

        limiter.BytesPerSecond = 0;

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        await Take(limiter, 1_000_000).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Raising_the_limit_shortens_the_wait_to_what_is_still_owed_at_the_new_rate()
    {
        var limiter = new RateLimiter(clock, 1000);
        await Take(limiter, 1000).WaitAsync(TimeSpan.FromSeconds(10));
        var waiting = Take(limiter, 10_000);
        await Until(() => clock.Timers == 1);
        clock.Advance(TimeSpan.FromSeconds(2));

        // 8,000 bytes still owed: two seconds at 4,000 bytes per second, not the eight left at the old rate.
        limiter.BytesPerSecond = 4000;
        await Until(() => clock.Timers == 2);
        clock.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static async Task Until(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, deadline.Token);
        }
    }

    /// <summary>A fake clock that counts the timers made on it, so a test knows when a caller has started to wait.</summary>
    private sealed class CountingClock : FakeTimeProvider
    {
        private int timers;

        public int Timers => Volatile.Read(ref timers);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref timers);
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }
}
