using System.Collections.Immutable;
using Swarmgrid.GrainInterfaces.Realtime;

namespace Swarmgrid.Realtime;

/// <summary>
/// The one observer of this process (the GPSTracker pattern): it subscribes to the feed grain, renews the subscription
/// well within its lifetime (which also re-subscribes after the feed grain's silo died), and hands each batch to
/// this process's consumers: hub connections, raw WebSocket adapters, caches.
/// </summary>
public sealed class RealtimeFeedSubscriber(IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<RealtimeFeedSubscriber> logger)
    : BackgroundService, IRealtimeFeed, IRealtimeObserver
{
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);

    private ImmutableArray<Func<IReadOnlyList<RealtimeEvent>, Task>> handlers = [];
    private IRealtimeObserver? reference;

    public event Action? Resumed;

    public IDisposable Subscribe(Func<IReadOnlyList<RealtimeEvent>, Task> handler)
    {
        ImmutableInterlocked.Update(ref handlers, list => list.Add(handler));
        return new Unsubscriber(() => ImmutableInterlocked.Update(ref handlers, list => list.Remove(handler)));
    }

    public Task OnEventsAsync(IReadOnlyList<RealtimeEvent> events)
    {
        foreach (var handler in handlers)
        {
            _ = RunAsync(handler, events);
        }
        return Task.CompletedTask;
    }

    private async Task RunAsync(Func<IReadOnlyList<RealtimeEvent>, Task> handler, IReadOnlyList<RealtimeEvent> events)
    {
        try
        {
            await handler(events);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A realtime consumer failed on a batch of {Count} events", events.Count);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // In a silo the grains can be placed only once the silo has started.
        await Task.Delay(Timeout.Infinite, lifetime.ApplicationStarted).ContinueWith(_ => { }, TaskScheduler.Default);
        stoppingToken.ThrowIfCancellationRequested();
        reference = grains.CreateObjectReference<IRealtimeObserver>(this);
        var following = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await grains.GetGrain<IRealtimeFeedGrain>(0).SubscribeAsync(reference).WaitAsync(TimeSpan.FromSeconds(10), stoppingToken);
                if (!following)
                {
                    following = true;
                    Resumed?.Invoke();
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                if (following)
                {
                    logger.LogWarning(ex, "Lost the realtime feed; retrying");
                }
                following = false;
            }
            await Task.Delay(following ? RenewEvery : RetryEvery, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (reference is not null)
        {
            try
            {
                await grains.GetGrain<IRealtimeFeedGrain>(0).UnsubscribeAsync(reference).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException or OperationCanceledException)
            {
                // The subscription expires by itself.
            }
            grains.DeleteObjectReference<IRealtimeObserver>(reference);
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
